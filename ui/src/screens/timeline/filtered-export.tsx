// "Export these N events": the chronology CSV of exactly the events the timeline's filters show.
// The case's export filters by issue and status (dossier_api::TimelineRequest), not by tag, so
// with a tag filter set the button is not offered and the reason is given instead.

import { BackendError } from "../../lib/backend";
import { exportFileName } from "../../lib/backend/save";
import { useBackend, useCase } from "../../app/context";
import { asExport, deliverExport } from "../exhibits/exports";
import type { TimelineFilters } from "./filters";

/** The file name's part after the case's name: `chronology-SCA-contested`. */
export function filteredExportWhat(filters: TimelineFilters): string {
  return ["chronology", filters.issue, filters.status].filter((part) => part !== "").join("-");
}

export function FilteredExport({ filters, shown, onDone }: { filters: TimelineFilters; shown: number; onDone: (text: string, failed: boolean) => void }) {
  const backend = useBackend();
  const { summary } = useCase();
  if (filters.tag !== "") {
    return <p class="muted">The chronology export selects by issue and status only; clear the tag filter to export the events shown.</p>;
  }
  if (filters.issue === "" && filters.status === "") {
    return null;
  }
  const save = async (): Promise<void> => {
    try {
      const output = await backend.call("timeline", {
        format: "csv",
        ...(filters.issue !== "" ? { issue: filters.issue } : {}),
        ...(filters.status !== "" ? { status: filters.status } : {}),
      });
      const name = exportFileName(summary.name, filteredExportWhat(filters), "csv");
      onDone(await deliverExport(backend, name, asExport(output, "chronology CSV")), false);
    } catch (reason) {
      onDone(`Not exported: ${BackendError.from(reason).message}`, true);
    }
  };
  return (
    <button type="button" onClick={() => void save()} disabled={shown === 0}>
      {shown === 1 ? "Export this event (CSV)" : `Export these ${shown} events (CSV)`}
    </button>
  );
}
