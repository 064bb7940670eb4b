// What OCR read on a scan, beside it: the shown page's confidence and maker, the pages below the
// threshold that a person should check, and the page's corrected text. A correction becomes the
// page's text for search and citations; the OCR's own text is kept beside it (and shown here), and
// `undo` reverts it like any edit.

import { useEffect, useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import type { OcrPageView, OcrPagesOutput } from "./ocr-commands";

export interface OcrPanelProps {
  doc: number;
  ocr: OcrPagesOutput;
  /** The page shown in the viewer. */
  page: number;
  goToPage: (page: number) => void;
  /** Told after a correction was recorded, to read the pages again. */
  onCorrected: () => void;
}

export function OcrPanel({ doc, ocr, page, goToPage, onCorrected }: OcrPanelProps) {
  const backend = useBackend();
  const shown = ocr.pages.find((p) => p.n === page);
  const [text, setText] = useState(shown?.text ?? "");
  const [message, setMessage] = useState("");
  const [saving, setSaving] = useState(false);
  // The box follows the page's text (another page, or the correction read back); what was
  // said about a save stays until another page is shown.
  useEffect(() => setText(shown?.text ?? ""), [doc, page, shown?.text]);
  useEffect(() => setMessage(""), [doc, page]);

  const save = async (): Promise<void> => {
    if (shown === undefined) {
      return;
    }
    setSaving(true);
    try {
      const out = await backend.call("ocr_correct", { doc, page: shown.n, text });
      setMessage(out.changed ? `Page ${shown.n}: corrected text recorded. Undo reverts it.` : "The page already has this text.");
      onCorrected();
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="panel ocr" aria-labelledby="ocr-heading">
      <h3 id="ocr-heading">OCR</h3>
      {ocr.to_check.length > 0 ? (
        <p>
          Pages to check (confidence below {ocr.threshold}%):{" "}
          {ocr.to_check.map((n, i) => (
            <span key={n}>
              {i > 0 && ", "}
              <button type="button" class="link-button" aria-current={n === page ? "page" : undefined} onClick={() => goToPage(n)}>
                page {n}
              </button>
            </span>
          ))}
        </p>
      ) : (
        <p class="muted">No page is below {ocr.threshold}% confidence or left to check.</p>
      )}
      {shown === undefined ? (
        <p class="muted">Page {page} was not read by OCR (it has its own text layer).</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <p class="muted">
            Page {shown.n}: {shown.words.length} words, mean confidence {shown.mean_confidence}%, read by {shown.engine} {shown.engine_version} ({shown.languages})
            {shown.corrected && shown.corrected_by !== undefined && (
              <>
                ; corrected by {shown.corrected_by}
                {shown.corrected_at !== undefined ? ` at ${shown.corrected_at}` : ""}
              </>
            )}
            .
          </p>
          <label for="ocr-text">Text of page {shown.n} (search and citations read this)</label>
          <textarea id="ocr-text" rows={8} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" disabled={saving || text === shown.text}>
            Save corrected text
          </button>
          {shown.corrected && (
            <details>
              <summary>The text OCR read (kept beside the correction)</summary>
              <pre class="ocr-machine-text">{shown.ocr_text}</pre>
            </details>
          )}
        </form>
      )}
      <p role="status" class="muted">
        {message}
      </p>
      <CaseLanguages />
    </section>
  );
}

/** The case's default OCR languages (`settings`), which ingest and `dossier ocr` use when none are given. */
function CaseLanguages() {
  const backend = useBackend();
  const [generation, setGeneration] = useState(0);
  const settings = useCommand("settings", {}, `settings ${generation}`);
  const [languages, setLanguages] = useState("");
  const [message, setMessage] = useState("");
  const current = settings.status === "done" ? (settings.output.ocr_lang ?? "") : "";
  useEffect(() => setLanguages(current), [current]);
  const save = async (): Promise<void> => {
    try {
      await backend.call("settings", { ocr_lang: languages.trim() });
      setMessage("Saved: the next OCR of this case reads in these languages.");
      setGeneration((g) => g + 1);
    } catch (reason) {
      setMessage(BackendError.from(reason).message);
    }
  };
  return (
    <details class="case-languages">
      <summary>Case OCR languages: {current === "" ? "eng (not set)" : current}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <label for="case-ocr-lang">Tesseract languages, joined by + (eng+deu); empty for eng</label>
        <input id="case-ocr-lang" value={languages} onInput={(e) => setLanguages(e.currentTarget.value)} />
        <button type="submit" disabled={languages.trim() === current}>
          Save languages
        </button>
        <p role="status" class="muted">
          {message}
        </p>
      </form>
    </details>
  );
}

/** A page's OCR confidence and maker, marked when it is low enough to check. */
export function OcrConfidence({ page, threshold = 70 }: { page: OcrPageView; threshold?: number }) {
  const low = page.mean_confidence < threshold;
  return (
    <span class={low ? "ocr-confidence low" : "ocr-confidence"} title={`${page.engine} ${page.engine_version}, languages ${page.languages}`}>
      OCR confidence {page.mean_confidence}%{low && !page.corrected ? " (check this page)" : ""}
      {page.corrected ? " · corrected text" : ""}
    </span>
  );
}
