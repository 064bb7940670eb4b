// Batch search: a pasted list of terms, one per line, each with the number of documents it finds;
// a term opens its hits in the search screen, and the counts export as CSV. The case reads the
// list (blank lines and lines starting with # are skipped) and writes the CSV, every cell made
// inert as every export of Dossier is.

import { useContext, useState } from "preact/hooks";
import { BackendError, type BatchRow, type Export } from "../../lib/backend";
import { exportFileName } from "../../lib/backend/save";
import { CaseContext, useBackend } from "../../app/context";
import { formatNumber } from "../../app/format";
import { visible } from "../../lib/text/visible";
import { asExport, deliverExport } from "../exhibits/exports";
import { hrefForFilters } from "./search-state";

export function BatchSearchScreen() {
  const backend = useBackend();
  const caseName = useContext(CaseContext)?.summary.name ?? "case";
  const [text, setText] = useState("");
  const [rows, setRows] = useState<BatchRow[]>();
  const [said, setSaid] = useState<string>();
  const [busy, setBusy] = useState(false);
  const queries = (): string[] => text.split(/\r?\n/);

  const run = async (event: Event): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setSaid(undefined);
    try {
      const output = await backend.call("search_batch", { queries: queries() });
      setRows(Array.isArray(output) ? output : undefined);
    } catch (reason) {
      setSaid(BackendError.from(reason).message);
    } finally {
      setBusy(false);
    }
  };
  const exportCounts = async (): Promise<void> => {
    try {
      const file: Export = asExport(await backend.call("search_batch", { queries: queries(), format: "csv" }), "batch counts");
      setSaid(await deliverExport(backend, exportFileName(caseName, "batch-search", "csv"), file));
    } catch (reason) {
      setSaid(`Not exported: ${BackendError.from(reason).message}`);
    }
  };

  return (
    <div class="batch-search">
      <h2>Batch search</h2>
      <form onSubmit={(event) => void run(event)}>
        <label for="batch-terms">Terms, one query per line (blank lines and lines starting with # are skipped)</label>
        <textarea id="batch-terms" rows={8} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        <p>
          <button type="submit" disabled={busy || text.trim() === ""}>
            Count each
          </button>{" "}
          {rows !== undefined && rows.length > 0 && (
            <button type="button" onClick={() => void exportCounts()}>
              Export counts (CSV)
            </button>
          )}{" "}
          <a href="#/search">Back to search</a>
        </p>
      </form>
      {said !== undefined && (
        <p role="status" class="muted">
          {said}
        </p>
      )}
      {busy && <p class="status">Counting…</p>}
      {rows !== undefined && (
        <table class="batch-results">
          <caption>{formatNumber(rows.length)} queries</caption>
          <thead>
            <tr>
              <th scope="col">Query</th>
              <th scope="col">Documents</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                <td>
                  <a href={hrefForFilters({ q: row.query })}>{visible(row.query)}</a>
                </td>
                <td>
                  {row.error === null ? (
                    formatNumber(row.total ?? 0)
                  ) : (
                    <span class="error-text">{visible(row.error)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
