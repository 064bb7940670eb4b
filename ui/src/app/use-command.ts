// Running a backend command from a component and following its result.

import { useEffect, useState } from "preact/hooks";
import { BackendError, type ArgsOf, type CommandName, type OutputOf } from "../lib/backend";
import { useBackend } from "./context";

/** The state of one command call: waiting, done with its output, or failed with its error. */
export type CommandState<T> =
  | { status: "loading" }
  | { status: "done"; output: T }
  | { status: "failed"; error: BackendError };

/**
 * Calls `name` with `args` whenever `key` changes (a string naming what the call depends on),
 * and returns its state; an answer that arrives after the key changed again is dropped, so a
 * slow search never overwrites a newer one. With `args` undefined nothing is called (the caller
 * has nothing to ask yet) and the state stays "loading".
 */
export function useCommand<K extends CommandName>(
  name: K,
  args: ArgsOf<K> | undefined,
  key: string,
): CommandState<OutputOf<K>> {
  const backend = useBackend();
  const [state, setState] = useState<CommandState<OutputOf<K>>>({ status: "loading" });
  useEffect(() => {
    if (args === undefined) {
      return;
    }
    let current = true;
    setState({ status: "loading" });
    backend.call(name, args).then(
      (output) => current && setState({ status: "done", output }),
      (reason: unknown) => current && setState({ status: "failed", error: BackendError.from(reason) }),
    );
    return () => {
      current = false;
    };
    // `key` stands for `args`: objects are new on every render.
  }, [backend, name, key]);
  return state;
}
