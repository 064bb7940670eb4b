import { afterEach, expect, test } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import type { AuditRow } from "../../lib/backend";
import { ScriptedBackend } from "../../testing/scripted-backend";
import { RecentActivity } from "./case-home";

afterEach(cleanup);

function row(seq: number, action: string, target: string, summary_text: string): AuditRow {
  return { seq, at: `2026-12-07T21:0${seq}:00.000Z`, actor: "paralegal", action, target, detail: "", prev_hash: "", hash: "", summary_text };
}

test("recent activity reads in words, newest first, with the audit record on hover", async () => {
  const backend = new ScriptedBackend({
    audit: () => [
      row(1, "ingest.finish", "ingest:1", "Ingested 18 new documents"),
      row(2, "citation.add", "citation:26", "Cited “Complaint”, p. 5, for “Setting switched on by default”"),
    ],
  });
  render(
    <BackendContext.Provider value={backend}>
      <RecentActivity generation={0} />
    </BackendContext.Provider>,
  );
  const items = await waitFor(() => {
    const found = screen.getAllByRole("listitem");
    expect(found).toHaveLength(2);
    return found;
  });
  expect(items[0]?.textContent).toContain("Cited “Complaint”, p. 5, for “Setting switched on by default”");
  expect(items[0]?.textContent).not.toContain("citation.add");
  expect(items[1]?.textContent).toContain("Ingested 18 new documents");
  expect(screen.getByText("Ingested 18 new documents").getAttribute("title")).toBe("ingest.finish ingest:1");
});
