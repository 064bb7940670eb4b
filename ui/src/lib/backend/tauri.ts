// The backend inside the desktop app: Tauri commands (src-tauri) through `window.__TAURI__`,
// which the shell injects because tauri.conf.json sets `app.withGlobalTauri`.

import type { Backend, DesktopActions } from "./index";
import {
  BackendError,
  type CaseSummary,
  type DocListItem,
  type IngestOutput,
  type IngestRequest,
  type ProgressEvent,
} from "./types";

type Unlisten = () => void;

interface TauriGlobal {
  core: {
    invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
  };
  event: {
    listen<T>(event: string, handler: (event: { payload: T }) => void): Promise<Unlisten>;
  };
  dialog: {
    open(options: { directory?: boolean; multiple?: boolean; title?: string }): Promise<string | string[] | null>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
  }
}

/** The Tauri global when running inside the desktop app, otherwise undefined. */
export function tauriGlobal(): TauriGlobal | undefined {
  return window.__TAURI__;
}

/** The Tauri event carrying progress (src-tauri `commands::PROGRESS_EVENT`). */
const PROGRESS_EVENT = "dossier://progress";

/** Calls the desktop shell's commands; each is a one-line delegation to crates/api. */
export class TauriBackend implements Backend {
  readonly #tauri: TauriGlobal;
  readonly desktop: DesktopActions;

  constructor(tauri: TauriGlobal) {
    this.#tauri = tauri;
    this.desktop = {
      pickFolder: async (title) => {
        const picked = await tauri.dialog.open({ directory: true, title });
        return typeof picked === "string" ? picked : undefined;
      },
      pickFiles: async (title) => {
        const picked = await tauri.dialog.open({ multiple: true, title });
        return picked === null ? [] : typeof picked === "string" ? [picked] : picked;
      },
      createCase: async (path) => {
        await this.#invoke("init", { path });
      },
      openCase: (path) => this.#invoke<CaseSummary>("open_case", { path }),
      recentCases: () => this.#invoke<string[]>("recent_cases"),
      onFilesDropped: (listener) =>
        tauri.event.listen<{ paths: string[] }>("tauri://drag-drop", (event) => listener(event.payload.paths)),
    };
  }

  summary(): Promise<CaseSummary> {
    return this.#invoke<CaseSummary>("summary");
  }

  docs(filter: { kind?: string; tag?: string } = {}): Promise<DocListItem[]> {
    return this.#invoke<DocListItem[]>("docs", { request: filter });
  }

  ingest(request: IngestRequest): Promise<IngestOutput> {
    return this.#invoke<IngestOutput>("ingest", { request });
  }

  onProgress(listener: (event: ProgressEvent) => void): Promise<() => void> {
    return this.#tauri.event.listen<ProgressEvent>(PROGRESS_EVENT, (event) => listener(event.payload));
  }

  async #invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    try {
      return await this.#tauri.core.invoke<T>(command, args);
    } catch (reason) {
      throw BackendError.from(reason);
    }
  }
}
