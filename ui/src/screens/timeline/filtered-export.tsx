// "Export these N events": the chronology CSV of exactly the events the timeline's filters show.
// The case applies the same filters (issue, status, tag: dossier_api::TimelineRequest) to the
// export as to the list the screen shows, so the count on the button is the file's.

import { BackendError } from "../../lib/backend";
import { exportFileName } from "../../lib/backend/save";
import { useBackend, useCase } from "../../app/context";
import { asExport, deliverExport } from "../exhibits/exports";
import { anyFilter, filterRequest, type TimelineFilters } from "./filters";

/** The file name's part after the case's name: `chronology-SCA-contested-hot`. */
export function filteredExportWhat(filters: TimelineFilters): string {
  return ["chronology", filters.issue, filters.status, filters.tag].filter((part) => part !== "").join("-");
}

export function FilteredExport({ filters, shown, onDone }: { filters: TimelineFilters; shown: number; onDone: (text: string, failed: boolean) => void }) {
  const backend = useBackend();
  const { summary } = useCase();
  if (!anyFilter(filters)) {
    return null;
  }
  const save = async (): Promise<void> => {
    try {
      const output = await backend.call("timeline", { ...filterRequest(filters), format: "csv" });
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
