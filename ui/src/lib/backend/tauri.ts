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
 * The one Tauri command that runs any command of the api surface (src-tauri/src/commands.rs
 * `call`, through `dossier_api::dispatch`): `{command, args}` in, the command's JSON out.
 */
const SURFACE_COMMAND = "call";

/** Calls the desktop shell: the api surface through its one command, and the desktop's own. */
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
      createCase: async (path, name) => {
        await this.#invoke("create_case", name === undefined ? { path } : { path, name });
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
    return this.#invoke<OutputOf<K>>(SURFACE_COMMAND, { command: name, args });
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
