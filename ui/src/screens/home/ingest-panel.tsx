// Adding evidence to the case: pick files or folders (desktop), or drop them on the window,
// or name them by path (browser), then watch a live progress bar and read the list of items
// that failed, with their reasons (an item whose text could not be extracted is among them,
// with a link to its document).

import { useRef, useState } from "preact/hooks";
import { BackendError, type IngestOutput, type IngestRequest, type ProgressEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useDroppedFiles } from "../../app/dropped-files";
import { documentHref, seriesHref } from "../../app/links";
import { visible } from "../../lib/text/visible";

/** What the panel shows while and after an ingest. */
type IngestState =
  | { phase: "idle" }
  | { phase: "running"; done: number; total: number; message: string }
  | { phase: "finished"; result: IngestOutput }
  | { phase: "failed"; message: string };

/**
 * The code `dossier serve` answers when it was started without `--allow-path`: the page comes
 * from a browser, so only the person running the server decides which folders it may read.
 */
export const PATH_READING_OFF = "path_reading_off";

/**
 * The sentence that reports an ingest (tests/desktop/ipc.py reads it: "Added N, ...").
 * `failed` counts every item listed below it: those that could not be ingested and those
 * kept without text (also among the added), so a scan without a text layer is never
 * reported as a plain success; nor is an ingest the search index could not follow.
 */
export function ingestReport(result: IngestOutput): string {
  const kept = result.failed.filter((f) => f.document !== undefined).length;
  // The documents are in the case either way; a search catches the index up.
  const index =
    result.index_error === undefined
      ? ""
      : ` The search index could not follow yet (the next search catches up): ${result.index_error}`;
  return (
    `Added ${result.added}, already in the case ${result.duplicates}, ` +
    `failed ${result.failed.length}${kept > 0 ? ` (${kept} kept without text)` : ""}, skipped ${result.skipped.length}.` +
    (result.series === undefined ? "" : ` ${seriesReport(result.series)}`) +
    index
  );
}

/** "Recorded 18 captures of the policy series “LinkedIn” (2 already recorded)." */
function seriesReport(series: NonNullable<IngestOutput["series"]>): string {
  const again = series.already_recorded > 0 ? ` (${series.already_recorded} already recorded)` : "";
  return `Recorded ${series.captures} ${series.captures === 1 ? "capture" : "captures"} of the policy series “${series.name}”${again}.`;
}

/**
 * The patterns typed in the "Include" or "Exclude" field: comma-separated globs
 * (`*.json, *.csv`), each matched against a file's path within the folder added and against
 * its name.
 */
export function globPatterns(typed: string): string[] {
  return typed
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** What the form's options say about an ingest, as typed. */
export interface IngestOptionsTyped {
  include: string;
  exclude: string;
  /** The files are captures of one policy series. */
  asSeries: boolean;
  series: string;
  url: string;
}

export const NO_OPTIONS: IngestOptionsTyped = { include: "", exclude: "", asSeries: false, series: "", url: "" };

/**
 * The `ingest` request for these paths and options, the same the CLI sends for
 * `dossier ingest CASE PATH... [--include G]... [--exclude G]... [--series NAME [--url URL]]`;
 * empty fields are left out.
 */
export function ingestRequest(paths: string[], typed: IngestOptionsTyped): IngestRequest {
  const include = globPatterns(typed.include);
  const exclude = globPatterns(typed.exclude);
  const series = typed.asSeries ? typed.series.trim() : "";
  const url = typed.url.trim();
  return {
    paths,
    ...(include.length > 0 ? { include } : {}),
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(series !== "" ? { series, ...(url !== "" ? { url } : {}) } : {}),
  };
}

/** The sentence under the progress bar while the items are read, extracted and recorded. */
export function ingestProgressMessage(done: number, total: number, item: string | null): string {
  const name = item === null ? "" : item.split(/[\\/]/).pop() ?? "";
  return `Reading and extracting: ${done} of ${total}${name !== "" ? ` (${name})` : ""}`;
}

/** The "Add evidence" section. `onIngested` runs after each ingest that added something. */
export function IngestPanel({ onIngested }: { onIngested: () => void }) {
  const backend = useBackend();
  const [state, setState] = useState<IngestState>({ phase: "idle" });
  // Set once the server said it may read no path: the form gives way to how to allow one.
  const [pathsOff, setPathsOff] = useState(false);
  const onIngestedRef = useRef(onIngested);
  onIngestedRef.current = onIngested;
  const [options, setOptions] = useState<IngestOptionsTyped>(NO_OPTIONS);
  // Read when an ingest starts (from a dialog, a drop or the form), always the latest text.
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const seriesUnnamed = options.asSeries && options.series.trim() === "";

  const run = useRef(async (paths: string[]): Promise<void> => {
    if (paths.length === 0) {
      return;
    }
    if (optionsRef.current.asSeries && optionsRef.current.series.trim() === "") {
      setState({ phase: "failed", message: "Name the policy series first." });
      return;
    }
    const what = paths.length === 1 ? paths[0] ?? "" : `${paths.length} items`;
    setState({ phase: "running", done: 0, total: 0, message: `Ingesting ${what}…` });
    const follow = (event: ProgressEvent): void => {
      if (event.event === "progress" && event.phase === "ingest") {
        // Counted as each item is recorded, after its extraction: the bar covers both.
        setState({ phase: "running", done: event.done, total: event.total, message: ingestProgressMessage(event.done, event.total, event.item) });
      } else if (event.event === "progress" && event.phase === "index") {
        // After the last item, the search index catches up: the bar starts again for it.
        setState({
          phase: "running",
          done: event.done,
          total: event.total,
          message: `Making the new documents searchable: ${event.done} of ${event.total}`,
        });
      } else if (event.event === "waiting") {
        setState((s) => (s.phase === "running" ? { ...s, message: event.message } : s));
      }
    };
    const stop = await backend.onProgress(follow);
    try {
      const result = await backend.call("ingest", ingestRequest(paths, optionsRef.current));
      setState({ phase: "finished", result });
      if (result.added > 0) {
        onIngestedRef.current();
      }
    } catch (reason) {
      const error = BackendError.from(reason);
      if (error.code === PATH_READING_OFF) {
        setPathsOff(true);
        setState({ phase: "idle" });
      } else {
        setState({ phase: "failed", message: `Ingest failed: ${error.message}` });
      }
    } finally {
      stop();
    }
  });

  const desktop = backend.desktop;
  useDroppedFiles(run.current);

  const status =
    state.phase === "running"
      ? state.message
      : state.phase === "finished"
        ? ingestReport(state.result)
        : state.phase === "failed"
          ? state.message
          : "";
  return (
    <section class="ingest" aria-labelledby="ingest-heading">
      <h2 id="ingest-heading">Add evidence</h2>
      <IngestOptionsForm options={options} onChange={(change) => setOptions((o) => ({ ...o, ...change }))} />
      {desktop !== undefined ? (
        <>
          <p class="actions">
            <button type="button" disabled={seriesUnnamed} onClick={() => void desktop.pickFiles("Add files to the case").then(run.current)}>
              Add files…
            </button>{" "}
            <button
              type="button"
              disabled={seriesUnnamed}
              onClick={() =>
                void desktop.pickFolder("Add a folder to the case").then((p) => run.current(p === undefined ? [] : [p]))
              }
            >
              Add a folder…
            </button>
          </p>
          <p class="hint">Or drop files and folders on this window.</p>
        </>
      ) : pathsOff ? (
        <PathsOff />
      ) : (
        <PathForm disabled={seriesUnnamed} onSubmit={(paths) => void run.current(paths)} />
      )}
      <progress
        max={state.phase === "running" ? Math.max(state.total, 1) : 1}
        value={state.phase === "running" ? state.done : 0}
        aria-label="Ingest progress"
        hidden={state.phase !== "running"}
      />
      <p class="ingest-status" role="status" aria-live="polite">
        {status}
      </p>
      {state.phase === "finished" && state.result.series !== undefined && (
        <p>
          <a href={seriesHref(state.result.series.name)}>Open the policy series “{state.result.series.name}”</a>
        </p>
      )}
      <ul class="ingest-failures" aria-label="Items that could not be ingested">
        {state.phase === "finished" &&
          state.result.failed.map((f) => (
            <li key={f.path}>
              <code>{visible(f.path)}</code>: {visible(f.error)}
              {f.document !== undefined && (
                <>
                  {" "}
                  (<a href={documentHref(f.document)}>the original is kept as document {f.document}</a>)
                </>
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}

/**
 * Which files of a folder to take (include/exclude globs), and whether the files are the dated
 * captures of one policy series (a file named `YYYY-MM-DD.md` is one capture; a folder of them
 * is the whole series, its `versions.csv` giving each capture's address).
 */
function IngestOptionsForm({ options, onChange }: { options: IngestOptionsTyped; onChange: (change: Partial<IngestOptionsTyped>) => void }) {
  return (
    <fieldset class="ingest-options">
      <legend>Options</legend>
      <p>
        <label for="ingest-include">Only (comma-separated patterns, such as *.eml, **/inbox/**)</label>{" "}
        <input id="ingest-include" type="text" value={options.include} onInput={(e) => onChange({ include: e.currentTarget.value })} />
      </p>
      <p>
        <label for="ingest-exclude">Exclude (comma-separated patterns, such as *.json, *.csv)</label>{" "}
        <input id="ingest-exclude" type="text" value={options.exclude} onInput={(e) => onChange({ exclude: e.currentTarget.value })} />
      </p>
      <p>
        <label>
          <input type="checkbox" checked={options.asSeries} onChange={(e) => onChange({ asSeries: e.currentTarget.checked })} /> These are dated
          captures of one web page (a policy series)
        </label>
      </p>
      {options.asSeries && (
        <div class="ingest-series">
          <p>
            <label for="ingest-series-name">Series name</label>{" "}
            <input id="ingest-series-name" type="text" required value={options.series} placeholder="LinkedIn privacy policy" onInput={(e) => onChange({ series: e.currentTarget.value })} />
          </p>
          <p>
            <label for="ingest-series-url">Page address (optional)</label>{" "}
            <input id="ingest-series-url" type="url" value={options.url} placeholder="https://www.linkedin.com/legal/privacy-policy" onInput={(e) => onChange({ url: e.currentTarget.value })} />
          </p>
          <p class="hint">Each file is one capture, dated by its name (YYYY-MM-DD.md); a folder of them is the whole series.</p>
        </div>
      )}
    </fieldset>
  );
}

/**
 * In a browser there are no file dialogs that yield paths, and `dossier serve` runs on this
 * machine (loopback only): files and folders are named by their path here.
 */
function PathForm({ onSubmit, disabled }: { onSubmit: (paths: string[]) => void; disabled: boolean }) {
  const [typed, setTyped] = useState("");
  return (
    <form
      class="path-form"
      onSubmit={(event) => {
        event.preventDefault();
        const paths = typed
          .split("\n")
          .map((p) => p.trim())
          .filter((p) => p !== "");
        onSubmit(paths);
      }}
    >
      <label for="ingest-paths">Files or folders on this machine, one path a line</label>
      <textarea id="ingest-paths" rows={2} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      <button type="submit" disabled={disabled || typed.trim() === ""}>
        Add
      </button>
      <p class="hint">The server reads only the folders it was started with (--allow-path).</p>
    </form>
  );
}

/** In place of the form when the server may read no path, and how to change that. */
function PathsOff() {
  return (
    <div class="paths-off" role="note">
      <p>Adding files by path is off: this server was started without a folder it may read.</p>
      <p>
        To allow one, restart it as <code>dossier serve CASE --allow-path DIR</code>; files and folders under DIR can
        then be added here.
      </p>
    </div>
  );
}
