// The backend inside the desktop app: Tauri commands (src-tauri) through `window.__TAURI__`,
// which the shell injects because tauri.conf.json sets `app.withGlobalTauri`.

import { BackendError, type CaseSummary } from "./types";
import type { Backend } from "./index";

interface TauriGlobal {
  core: {
    invoke<T>(command: string, args?: Record<string, unknown>): Promise<T>;
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

/** Calls the desktop shell's commands; each is a one-line delegation to crates/api. */
export class TauriBackend implements Backend {
  readonly #tauri: TauriGlobal;

  constructor(tauri: TauriGlobal) {
    this.#tauri = tauri;
  }

  caseSummary(): Promise<CaseSummary> {
    return this.#invoke<CaseSummary>("case_summary");
  }

  async #invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> {
    try {
      return await this.#tauri.core.invoke<T>(command, args);
    } catch (reason) {
      throw BackendError.from(reason);
    }
  }
}
