// The only door from the UI to Rust. No other file calls `invoke` or `fetch` (DESIGN.md).
// Components get a Backend (from getBackend(), or the app's BackendContext) and never learn which
// transport is behind it: Tauri commands inside the desktop app, HTTP under `dossier serve`.
//
// Every command goes through one typed call, `backend.call(name, args)`, checked against the
// `Commands` table in types.ts; screens add the commands they need to that table in their own
// files by declaration merging.

import { HttpBackend } from "./http";
import { TauriBackend, tauriGlobal } from "./tauri";
import { BackendError, type ArgsOf, type CaseSummary, type CommandName, type OutputOf, type ProgressEvent } from "./types";

export { BackendError, documentList, isApiError, isTimelineEvent } from "./types";
export type * from "./types";
export { originalBytes } from "./original";

/** Every user action the UI can ask of the case. Calls reject with a BackendError. */
export interface Backend {
  /** Runs one command of the api surface (`dossier_api::COMMANDS`) with its arguments. */
  call<K extends CommandName>(name: K, args: ArgsOf<K>): Promise<OutputOf<K>>;
  /** Calls `listener` with the progress of long commands; returns a function that stops it. */
  onProgress(listener: (event: ProgressEvent) => void): Promise<() => void>;
  /** What only the desktop app can do (native dialogs, dropped files, switching cases). */
  readonly desktop: DesktopActions | undefined;
}

/** Desktop-only actions: the browser has no native dialogs and no file paths. */
export interface DesktopActions {
  /** Asks for a folder with the native dialog; undefined when cancelled. */
  pickFolder(title: string): Promise<string | undefined>;
  /** Asks for files with the native dialog; empty when cancelled. */
  pickFiles(title: string): Promise<string[]>;
  /** Creates a case in `path` (which must not exist or be empty), named `name` if given. */
  createCase(path: string, name?: string): Promise<void>;
  /** Switches the window to the case in `path` and remembers it. */
  openCase(path: string): Promise<CaseSummary>;
  /** Recently opened cases, newest first. */
  recentCases(): Promise<string[]>;
  /**
   * Saves an export where the user chooses in the native save dialog (WebKitGTK has no Blob
   * downloads): the file holds exactly `contents`. Returns the path and size, or undefined when
   * the dialog was cancelled.
   */
  saveExport(suggestedName: string, contents: string): Promise<{ path: string; size: number } | undefined>;
  /** Calls `listener` with the paths of files dropped on the window; returns a function that stops it. */
  onFilesDropped(listener: (paths: string[]) => void): Promise<() => void>;
}

/** Stands in where no transport is available, so the UI can say so instead of crashing. */
class UnavailableBackend implements Backend {
  readonly desktop = undefined;

  call<K extends CommandName>(): Promise<OutputOf<K>> {
    return Promise.reject(
      new BackendError(
        "no_backend",
        "This page runs neither inside the Dossier desktop app nor under `dossier serve`, so it cannot reach a case.",
      ),
    );
  }

  onProgress(): Promise<() => void> {
    return Promise.resolve(() => undefined);
  }
}

let chosen: Backend | undefined;

/** The backend for this page: Tauri inside the desktop app, HTTP when served with a token. */
export function getBackend(): Backend {
  if (chosen === undefined) {
    const tauri = tauriGlobal();
    const token = new URLSearchParams(window.location.search).get("token");
    if (tauri !== undefined) {
      chosen = new TauriBackend(tauri);
    } else if (token !== null && token !== "") {
      chosen = new HttpBackend(window.location.origin, token);
    } else {
      chosen = new UnavailableBackend();
    }
  }
  return chosen;
}
