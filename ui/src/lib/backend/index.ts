// The only door from the UI to Rust. No other file calls `invoke` or `fetch` (DESIGN.md).
// Components ask getBackend() for a Backend and never learn which transport is behind it.

import { TauriBackend, tauriGlobal } from "./tauri";
import { BackendError, type CaseSummary } from "./types";

export { BackendError } from "./types";
export type { CaseSummary, KindCount } from "./types";

/** Every user action the UI can ask of the case. Methods reject with a BackendError. */
export interface Backend {
  /** The open case's name, path, document count and counts by kind. */
  caseSummary(): Promise<CaseSummary>;
}

/** Stands in where no transport is available, so the UI can say so instead of crashing. */
class UnavailableBackend implements Backend {
  caseSummary(): Promise<CaseSummary> {
    return Promise.reject(
      new BackendError(
        "no_backend",
        "This page is not running inside the Dossier desktop app, so it cannot reach a case.",
      ),
    );
  }
}

let chosen: Backend | undefined;

/** The backend for this page: Tauri inside the desktop app. */
export function getBackend(): Backend {
  if (chosen === undefined) {
    const tauri = tauriGlobal();
    chosen = tauri === undefined ? new UnavailableBackend() : new TauriBackend(tauri);
  }
  return chosen;
}
