// What every screen may need from the app: the backend, and the open case with a way to refresh it.

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { getBackend, type Backend, type CaseSummary } from "../lib/backend";

/** The backend the app talks through (tests provide their own). */
export const BackendContext = createContext<Backend>(getBackend());

/** The backend, from the nearest provider. */
export function useBackend(): Backend {
  return useContext(BackendContext);
}

/** The open case as the header shows it, and how to reload it after a change (an ingest). */
export interface CaseState {
  summary: CaseSummary;
  refresh: () => Promise<void>;
}

export const CaseContext = createContext<CaseState | undefined>(undefined);

/** The open case; screens render only once it is known, so this is never undefined there. */
export function useCase(): CaseState {
  const state = useContext(CaseContext);
  if (state === undefined) {
    throw new Error("useCase() outside the app frame");
  }
  return state;
}
