// Adding evidence to the case: pick files or folders (desktop), or drop them on the window,
// then watch a live progress bar and read the list of items that failed, with their reasons.

import type { Backend, IngestOutput } from "../lib/backend";
import { BackendError } from "../lib/backend";
import { h } from "../dom";

/** Stops the drop listener of the panel shown before, so a drop is never ingested twice. */
let stopPreviousDropListener: (() => void) | undefined;

/** The "Add evidence" section. `onIngested` runs after each ingest that added something. */
export function ingestPanel(backend: Backend, onIngested: () => void): HTMLElement {
  const bar = h("progress", { max: "1", value: "0", "aria-label": "Ingest progress", hidden: "" }) as HTMLProgressElement;
  const status = h("p", { class: "ingest-status", role: "status", "aria-live": "polite" });
  const failures = h("ul", { class: "ingest-failures", "aria-label": "Items that could not be ingested" });
  const section = h(
    "section",
    { class: "ingest", "aria-labelledby": "ingest-heading" },
    h("h2", { id: "ingest-heading" }, "Add evidence"),
  );

  const run = async (paths: string[]): Promise<void> => {
    if (paths.length === 0) {
      return;
    }
    bar.hidden = false;
    bar.value = 0;
    failures.replaceChildren();
    status.textContent = `Ingesting ${paths.length === 1 ? paths[0] : `${paths.length} items`}…`;
    const stop = await backend.onProgress((event) => {
      if (event.event === "progress" && event.phase === "ingest") {
        bar.max = Math.max(event.total, 1);
        bar.value = event.done;
        status.textContent = `Ingesting: ${event.done} of ${event.total}`;
      } else if (event.event === "waiting") {
        status.textContent = event.message;
      }
    });
    try {
      const result = await backend.ingest({ paths });
      report(result);
      if (result.added > 0) {
        onIngested();
      }
    } catch (reason) {
      status.textContent = `Ingest failed: ${BackendError.from(reason).message}`;
    } finally {
      stop();
      bar.hidden = true;
    }
  };

  const report = (result: IngestOutput): void => {
    status.textContent =
      `Added ${result.added}, already in the case ${result.duplicates}, ` +
      `failed ${result.failed.length}, skipped ${result.skipped.length}.`;
    failures.replaceChildren(
      ...result.failed.map((f) => h("li", {}, h("code", {}, f.path), `: ${f.error}`)),
    );
  };

  const desktop = backend.desktop;
  if (desktop !== undefined) {
    const addFiles = h("button", { type: "button" }, "Add files…");
    addFiles.addEventListener("click", () => {
      void desktop.pickFiles("Add files to the case").then(run);
    });
    const addFolder = h("button", { type: "button" }, "Add a folder…");
    addFolder.addEventListener("click", () => {
      void desktop.pickFolder("Add a folder to the case").then((p) => run(p === undefined ? [] : [p]));
    });
    section.append(h("p", { class: "actions" }, addFiles, " ", addFolder), h("p", { class: "hint" }, "Or drop files and folders on this window."));
    stopPreviousDropListener?.();
    stopPreviousDropListener = undefined;
    void desktop.onFilesDropped((paths) => void run(paths)).then((stop) => {
      stopPreviousDropListener = stop;
    });
  } else {
    section.append(h("p", { class: "hint" }, "To add evidence from a browser, use `dossier ingest` on this machine."));
  }
  section.append(bar, status, failures);
  return section;
}
