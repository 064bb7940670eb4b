// The production panel: choose the set (standing exhibits, a tag or a search), the Bates prefix
// and start, the legend and the tag of documents to withhold, and a folder to write; `produce`
// (crates/api/src/produce.rs) writes the stamped PDFs, texts, load files and manifest there, and
// the panel shows what it made.

import "./commands";
import { useState } from "preact/hooks";
import { BackendError } from "../../lib/backend";
import { useBackend } from "../../app/context";
import type { ProduceOutput, ProduceRequest } from "../../lib/backend/types";

type SetKind = "exhibits" | "tag" | "query";

export function ProductionForm() {
  const backend = useBackend();
  const [set, setSet] = useState<SetKind>("exhibits");
  const [setValue, setSetValue] = useState("");
  const [out, setOut] = useState("");
  const [prefix, setPrefix] = useState("");
  const [start, setStart] = useState("");
  const [legend, setLegend] = useState("");
  const [withhold, setWithhold] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ made?: ProduceOutput; error?: string }>({});

  const produce = async (): Promise<void> => {
    const request: ProduceRequest = { out: out.trim(), prefix: prefix.trim() };
    if (set === "exhibits") {
      request.exhibits = true;
    } else if (set === "tag") {
      request.tag = setValue.trim();
    } else {
      request.query = setValue.trim();
    }
    if (start.trim() !== "") {
      request.start = Number.parseInt(start, 10);
    }
    if (legend.trim() !== "") {
      request.legend = legend.trim();
    }
    if (withhold.trim() !== "") {
      request.withhold_tag = withhold.trim();
    }
    setBusy(true);
    try {
      setResult({ made: await backend.call("produce", request) });
    } catch (reason) {
      setResult({ error: BackendError.from(reason).message });
    } finally {
      setBusy(false);
    }
  };

  const made = result.made;
  return (
    <section class="panel" aria-labelledby="production-heading">
      <h3 id="production-heading">Produce</h3>
      <form
        class="exhibit-form"
        onSubmit={(e) => {
          e.preventDefault();
          void produce();
        }}
      >
        <div class="field">
          <label for="production-set">Documents</label>
          <select id="production-set" value={set} onChange={(e) => setSet(e.currentTarget.value as SetKind)}>
            <option value="exhibits">The standing exhibits</option>
            <option value="tag">Documents with a tag</option>
            <option value="query">Documents a search finds</option>
          </select>
        </div>
        {set !== "exhibits" && (
          <div class="field">
            <label for="production-set-value">{set === "tag" ? "Tag" : "Search"}</label>
            <input id="production-set-value" type="text" required value={setValue} onInput={(e) => setSetValue(e.currentTarget.value)} />
          </div>
        )}
        <div class="field">
          <label for="production-prefix">Bates prefix</label>
          <input id="production-prefix" type="text" required placeholder="ABC" value={prefix} onInput={(e) => setPrefix(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="production-start">First number (optional)</label>
          <input id="production-start" type="number" min={1} placeholder="after the last one" value={start} onInput={(e) => setStart(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="production-legend">Legend (optional)</label>
          <input id="production-legend" type="text" placeholder="CONFIDENTIAL" value={legend} onInput={(e) => setLegend(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="production-withhold">Withhold documents tagged (optional)</label>
          <input id="production-withhold" type="text" placeholder="Privileged" value={withhold} onInput={(e) => setWithhold(e.currentTarget.value)} />
        </div>
        <div class="field wide">
          <label for="production-out">Folder to write (new or empty)</label>
          <input id="production-out" type="text" required value={out} onInput={(e) => setOut(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? "Producing…" : "Produce"}
        </button>
      </form>
      {result.error !== undefined && <p role="alert">Not produced: {result.error}</p>}
      {made !== undefined && (
        <p role="status">
          Produced {made.documents} documents, {made.pages} pages, {made.first}–{made.last}
          {made.withheld > 0 ? `, ${made.withheld} withheld (slip-sheets and a privilege log)` : ""}. Manifest SHA-256{" "}
          <code>{made.manifest_sha256}</code>.
          {made.rendered_from_text.length > 0 ? ` Rendered from text, not stamped: ${made.rendered_from_text.join("; ")}.` : ""}
        </p>
      )}
    </section>
  );
}
