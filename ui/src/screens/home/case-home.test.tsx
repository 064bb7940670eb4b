import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext, CaseContext } from "../../app/context";
import type { CaseSummary, DocsRequest, DocTableRow } from "../../lib/backend";
import { ScriptedBackend, type Handlers } from "../../testing/scripted-backend";
import { CaseHome } from "./case-home";

afterEach(() => {
  cleanup();
  window.location.hash = "";
});

const TOTAL = 302_107;

const summary: CaseSummary = {
  name: "Mailbox",
  path: "/cases/mailbox",
  documents: TOTAL,
  by_kind: [{ kind: "email", count: TOTAL }],
  schema_version: 9,
  review: [
    { status: "unreviewed", count: TOTAL },
    { status: "reviewed", count: 0 },
    { status: "second_look", count: 0 },
  ],
};

function row(id: number): DocTableRow {
  return {
    id,
    date: "2001-05-14",
    kind: "email",
    title: `Message ${id}`,
    from: "phillip.allen@enron.com",
    to: "tim.belden@enron.com",
    custodians: ["allen-p"],
    tags: [],
    exhibit: null,
    review: "unreviewed",
    reviewed_by: null,
    reviewed_at: null,
    size: 2048,
    parent: 1,
  };
}

/** A case of TOTAL documents whose pages hold documents offset+1… */
function backendWith(extra: Handlers = {}): ScriptedBackend {
  return new ScriptedBackend({
    docs: (args: DocsRequest) => {
      const offset = args.offset ?? 0;
      const limit = args.limit ?? 0;
      const total = args.title === undefined ? TOTAL : 3;
      return { total, offset, documents: Array.from({ length: Math.min(limit, total - offset) }, (_, i) => row(offset + i + 1)) };
    },
    tags: () => [{ tag: "hot", documents: 2 }],
    activity: () => [],
    ...extra,
  });
}

function renderHome(backend: ScriptedBackend, hash = "") {
  const query = new URLSearchParams(hash);
  return render(
    <BackendContext.Provider value={backend}>
      <CaseContext.Provider value={{ summary, refresh: () => Promise.resolve() }}>
        <CaseHome params={{}} query={query} />
      </CaseContext.Provider>
    </BackendContext.Provider>,
  );
}

describe("the document table on the case home", () => {
  test("opens with one page asked for and only the rows on screen drawn, whatever the case's size", async () => {
    const backend = backendWith();
    renderHome(backend);
    expect(await screen.findByText("Message 1")).toBeTruthy();
    expect(screen.getByRole("grid", { name: "Documents" }).getAttribute("aria-rowcount")).toBe(String(TOTAL + 1));
    expect(screen.getByText("302,107 documents", { exact: false })).toBeTruthy();
    expect(backend.argsOf("docs")).toEqual([{ limit: 100, offset: 0 }]);
    const drawn = document.querySelectorAll(".doc-table-body .doc-row").length;
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(100);
    // Recent activity asks for its last lines, not the whole log.
    expect(backend.argsOf("activity")).toEqual([{ limit: 8 }]);
  });

  test("a row shows date, kind, title, sender, recipients, custodian, review status and size", async () => {
    renderHome(backendWith());
    const title = await screen.findByText("Message 1");
    const cells = [...title.closest("[role=row]")!.querySelectorAll("[role=gridcell]")].map((c) => c.textContent);
    expect(cells).toEqual(["2001-05-14", "email", "Message 1", "phillip.allen@enron.com", "tim.belden@enron.com", "allen-p", "", "", "", "2.0 KB"]);
  });

  test("a header sorts by its column, and again reverses it", async () => {
    renderHome(backendWith());
    await screen.findByText("Message 1");
    fireEvent.click(screen.getByRole("button", { name: "Date" }));
    await waitFor(() => expect(window.location.hash).toBe("#/?sort=date"));
    cleanup();
    renderHome(backendWith(), "sort=date");
    await screen.findByText("Message 1");
    expect(screen.getByRole("columnheader", { name: /Date/ }).getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(screen.getByRole("button", { name: /Date/ }));
    await waitFor(() => expect(window.location.hash).toBe("#/?sort=-date"));
  });

  test("the filters in the address are sent with each page", async () => {
    const backend = backendWith();
    renderHome(backend, "kind=email&review=second_look&since=2001-05&sort=-date");
    await screen.findByText("Message 1");
    expect(backend.argsOf("docs")[0]).toEqual({ kind: "email", review: "second_look", since: "2001-05", sort: "-date", limit: 100, offset: 0 });
  });

  test("click, ctrl-click and shift-click select rows (a range from the last click); the selection is tagged as one call with its ids", async () => {
    const backend = backendWith({ tag: () => ({ added: ["hot"], removed: [], tags: [], documents: 4, changed: 4 }) });
    renderHome(backend);
    fireEvent.click(await screen.findByText("2001-05-14", { selector: "[aria-rowindex='3'] *" }));
    fireEvent.click(screen.getByText("email", { selector: "[aria-rowindex='5'] *" }), { ctrlKey: true });
    fireEvent.click(screen.getByText("email", { selector: "[aria-rowindex='8'] *" }), { shiftKey: true });
    // The range runs from the last click (the ctrl-clicked row), replacing what was selected.
    expect(screen.getByText("4 documents selected")).toBeTruthy();
    const bar = screen.getByRole("region", { name: "Act on the selected documents" });
    fireEvent.input(within(bar).getByLabelText("Tags"), { target: { value: "hot" } });
    fireEvent.click(within(bar).getByRole("button", { name: "Tag" }));
    await waitFor(() => expect(backend.argsOf("tag")).toEqual([{ docs: [4, 5, 6, 7], tags: ["hot"] }]));
    expect(await within(bar).findByText(/Tagged 4 documents/)).toBeTruthy();
  });

  test("'select all that match' sends the table's filter, not the ids, and one undo reverts the edit", async () => {
    const backend = backendWith({
      review: () => ({ status: "reviewed", documents: TOTAL, changed: TOTAL }),
      undo: () => ({ kind: "undo", edit: 9, reverted: 8, reverted_changes: [], changes: [] }),
    });
    renderHome(backend, "kind=email&sort=-date");
    await screen.findByText("Message 1");
    fireEvent.click(await screen.findByRole("button", { name: "Select all 302,107 that match" }));
    const bar = screen.getByRole("region", { name: "Act on the selected documents" });
    fireEvent.click(within(bar).getByRole("button", { name: "Reviewed" }));
    await waitFor(() => expect(backend.argsOf("review")).toEqual([{ matching: { kind: "email" }, status: "reviewed" }]));
    fireEvent.click(within(bar).getByRole("button", { name: "Undo" }));
    await waitFor(() => expect(backend.argsOf("undo")).toEqual([{}]));
  });
});
