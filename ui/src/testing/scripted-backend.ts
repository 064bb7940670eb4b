// For component tests only: a Backend whose commands answer from handlers the test gives, and
// which records every call, so a test can check what a screen asked the case for. The real
// transports are exercised end to end (e2e/) against `dossier serve`.

import {
  BackendError,
  type ArgsOf,
  type Backend,
  type CommandName,
  type DesktopActions,
  type OutputOf,
  type ProgressEvent,
} from "../lib/backend";

export type Handlers = { [K in CommandName]?: (args: ArgsOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };

export class ScriptedBackend implements Backend {
  /** Desktop actions, when the test plays the desktop app (see `desktopDropTarget`). */
  desktop: DesktopActions | undefined = undefined;
  readonly calls: { name: CommandName; args: unknown }[] = [];
  readonly #handlers: Handlers;
  readonly #listeners = new Set<(event: ProgressEvent) => void>();

  constructor(handlers: Handlers) {
    this.#handlers = handlers;
  }

  async call<K extends CommandName>(name: K, args: ArgsOf<K>): Promise<OutputOf<K>> {
    this.calls.push({ name, args });
    const handler = this.#handlers[name] as ((args: ArgsOf<K>) => OutputOf<K> | Promise<OutputOf<K>>) | undefined;
    if (handler === undefined) {
      throw new BackendError("unknown_command", `the test gave no answer for ${name}`);
    }
    return handler(args);
  }

  onProgress(listener: (event: ProgressEvent) => void): Promise<() => void> {
    this.#listeners.add(listener);
    return Promise.resolve(() => this.#listeners.delete(listener));
  }

  /** Sends a progress event to every listener, as a shell would during a long command. */
  emit(event: ProgressEvent): void {
    for (const listener of this.#listeners) {
      listener(event);
    }
  }

  /** The arguments of every call of `name`, in order. */
  argsOf<K extends CommandName>(name: K): ArgsOf<K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as ArgsOf<K>);
  }
}

/**
 * Desktop actions for a test: no dialogs, no recent cases, and a `drop` that delivers paths as
 * the window's drag-and-drop would.
 */
export function desktopDropTarget(): {
  actions: DesktopActions;
  drop: (paths: string[]) => void;
  listening: () => boolean;
} {
  let listener: ((paths: string[]) => void) | undefined;
  const refuse = (): Promise<never> => Promise.reject(new BackendError("no_backend", "no dialogs in tests"));
  return {
    actions: {
      pickFolder: refuse,
      pickFiles: refuse,
      createCase: refuse,
      openCase: refuse,
      recentCases: () => Promise.resolve([]),
      saveExport: refuse,
      onFilesDropped: (l) => {
        listener = l;
        return Promise.resolve(() => {
          listener = undefined;
        });
      },
    },
    drop: (paths) => listener?.(paths),
    listening: () => listener !== undefined,
  };
}
