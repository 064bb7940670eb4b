import { afterEach, expect, test } from "vitest";
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import type { ActivityLine } from "../../lib/backend";
import { ScriptedBackend } from "../../testing/scripted-backend";
import { RecentActivity } from "./case-home";

afterEach(cleanup);

function line(first_seq: number, last_seq: number, action: string, target: string, summary_text: string): ActivityLine {
  return {
    first_seq,
    last_seq,
    count: last_seq - first_seq + 1,
    first_at: "2026-12-07T21:00:00.000Z",
    at: `2026-12-07T21:0${last_seq % 10}:00.000Z`,
    actor: "paralegal",
    action,
    target,
    summary_text,
  };
}

test("recent activity reads in words, newest first, a bulk edit as one line, with the audit record on hover", async () => {
  const backend = new ScriptedBackend({
    activity: () => [
      line(5300, 5300, "citation.add", "citation:26", "Cited “Complaint”, p. 5, for “Setting switched on by default”"),
      line(54, 5299, "document.tag", "document:5299", "Tagged 5,246 documents privileged"),
      line(53, 53, "ingest.finish", "ingest:1", "Ingested 18 new documents"),
    ],
  });
  render(
    <BackendContext.Provider value={backend}>
      <RecentActivity generation={0} />
    </BackendContext.Provider>,
  );
  const items = await waitFor(() => {
    const found = screen.getAllByRole("listitem");
    expect(found).toHaveLength(3);
    return found;
  });
  expect(backend.argsOf("activity")).toEqual([{ limit: 8 }]);
  expect(items[0]?.textContent).toContain("Cited “Complaint”, p. 5, for “Setting switched on by default”");
  expect(items[0]?.textContent).not.toContain("citation.add");
  expect(items[1]?.textContent).toContain("Tagged 5,246 documents privileged");
  expect(screen.getByText("Tagged 5,246 documents privileged").getAttribute("title")).toBe("5246 audit rows, 54 to 5299 (document.tag)");
  expect(items[2]?.textContent).toContain("Ingested 18 new documents");
  expect(screen.getByText("Ingested 18 new documents").getAttribute("title")).toBe("ingest.finish ingest:1");
});
