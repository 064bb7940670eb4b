// The backend inside the desktop app: Tauri commands (src-tauri) through `window.__TAURI__`,
// which the shell injects because tauri.conf.json sets `app.withGlobalTauri`.

import type { Backend, DesktopActions } from "./index";
import { BackendError, type ArgsOf, type CaseSummary, type CommandName, type OutputOf, type ProgressEvent } from "./types";

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
    save(options: { defaultPath?: string; title?: string }): Promise<string | null>;
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

/**
 * How a command's arguments become the Tauri command's named parameters (src-tauri/src/commands.rs).
 * Most commands take one `request`; these take none, or their fields directly.
 */
const TAURI_PARAMETERS: Partial<Record<string, (args: object) => Record<string, unknown>>> = {
  summary: () => ({}),
  audit: () => ({}),
  verify: () => ({}),
  seal: () => ({}),
  reindex: () => ({}),
  saved_searches: () => ({}),
  show: (args) => ({ ...args }),
};

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
      saveExport: async (suggestedName, contents) => {
        const path = await tauri.dialog.save({ defaultPath: suggestedName, title: `Save ${suggestedName}` });
        if (path === null) {
          return undefined;
        }
        const size = await this.#invoke<number>("save_export", { path, contents });
        return { path, size };
      },
      onFilesDropped: (listener) =>
        tauri.event.listen<{ paths: string[] }>("tauri://drag-drop", (event) => listener(event.payload.paths)),
    };
  }

  call<K extends CommandName>(name: K, args: ArgsOf<K>): Promise<OutputOf<K>> {
    const parameters = TAURI_PARAMETERS[name]?.(args) ?? { request: args };
    return this.#invoke<OutputOf<K>>(name, parameters);
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
