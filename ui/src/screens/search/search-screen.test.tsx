import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import { parseHash } from "../../app/router";
import type { SearchOutput, SearchRequest } from "../../lib/backend";
import { ScriptedBackend } from "../../testing/scripted-backend";
import { SearchScreen } from "./search-screen";

afterEach(() => {
  cleanup();
  window.location.hash = "";
});

const answer = (request: SearchRequest): SearchOutput => ({
  total: request.kind === undefined ? 2 : 1,
  offset: request.offset ?? 0,
  hits: [
    {
      doc: 5,
      title: "Class Action Complaint",
      kind: "filing",
      date: "2024-10-02",
      page: 8,
      score: 3,
      snippet: "violated the <mark>Stored</mark> Act &lt;b&gt;",
      pages: [
        { page: 8, score: 3, snippet: "violated the <mark>Stored</mark> Act &lt;b&gt;" },
        { page: 4, score: 1, snippet: "claim under the <mark>Stored</mark> Communications Act" },
      ],
    },
  ],
  facets: {
    kind: { filing: 1, article: 1 },
    tag: {},
    year: { "2024": 2 },
    custodian: { "Dana Okafor": 1, "Sample matter": 2 },
  },
  index_behind: false,
});

function renderAt(hash: string, backend: ScriptedBackend) {
  window.location.hash = hash;
  return render(
    <BackendContext.Provider value={backend}>
      <SearchScreen params={{}} query={parseHash(hash).query} />
    </BackendContext.Provider>,
  );
}

describe("the search screen", () => {
  test("the search box is labelled Search and explains the query syntax", () => {
    renderAt("#/search", new ScriptedBackend({}));
    expect(screen.getByRole("searchbox", { name: "Search" })).toBeTruthy();
    expect(screen.getByText("Query syntax")).toBeTruthy();
  });

  test("hits show their title, page and snippet with matches marked, as text", async () => {
    const backend = new ScriptedBackend({ search: answer });
    renderAt("#/search?q=stored", backend);
    const hit = await screen.findByRole("link", { name: "Class Action Complaint" });
    expect(hit.getAttribute("href")).toBe("#/doc/5?page=8&hl=stored&q=stored&at=0");
    expect(screen.getByText("· page 8", { exact: false })).toBeTruthy();
    const snippet = document.querySelector(".snippet");
    expect(snippet?.querySelector("mark")?.textContent).toBe("Stored");
    expect(snippet?.textContent).toBe("violated the Stored Act <b>");
    expect(snippet?.querySelector("b")).toBeNull();
    expect(screen.getByRole("link", { name: "page 4" }).getAttribute("href")).toBe("#/doc/5?page=4&hl=stored&q=stored&at=0");
    expect(backend.argsOf("search")).toEqual([{ query: "stored", limit: 50 }]);
  });

  test("results from an index that lacks recent changes say so; fresh ones say nothing", async () => {
    renderAt("#/search?q=stored", new ScriptedBackend({ search: (r) => ({ ...answer(r), index_behind: true }) }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("may be incomplete");
    cleanup();
    renderAt("#/search?q=stored", new ScriptedBackend({ search: answer }));
    await screen.findByRole("link", { name: "Class Action Complaint" });
    expect(screen.queryByRole("alert")).toBeNull();
  });

  test("facets link to the same search narrowed, with their counts", async () => {
    renderAt("#/search?q=stored", new ScriptedBackend({ search: answer }));
    const filing = await screen.findByRole("link", { name: "filing 1" });
    expect(filing.getAttribute("href")).toBe("#/search?q=stored&kind=filing");
    expect(screen.getByRole("link", { name: "2024 2" }).getAttribute("href")).toBe("#/search?q=stored&year=2024");
    const custodians = screen.getByRole("navigation", { name: "Custodian filter" });
    const sample = within(custodians).getByRole("link", { name: "Sample matter 2" });
    expect(sample.getAttribute("href")).toBe("#/search?q=stored&custodian=Sample+matter");
    expect(within(custodians).getByRole("link", { name: "Dana Okafor 1" })).toBeTruthy();
  });

  test("a chosen custodian narrows the search, is marked current and can be removed", async () => {
    const backend = new ScriptedBackend({ search: answer });
    renderAt("#/search?q=stored&custodian=Sample+matter", backend);
    const custodians = await screen.findByRole("navigation", { name: "Custodian filter" });
    const chosen = within(custodians).getByRole("link", { name: "Sample matter 2" });
    expect(chosen.getAttribute("aria-current")).toBe("true");
    expect(chosen.getAttribute("href")).toBe("#/search?q=stored");
    expect(screen.getByRole("link", { name: /custodian: Sample matter/ }).getAttribute("href")).toBe("#/search?q=stored");
    expect(backend.argsOf("search")).toEqual([{ query: "stored", limit: 50, custodian: "Sample matter" }]);
  });

  test("selecting all that match a search narrowed by a facet acts on that search, filter and all", async () => {
    const backend = new ScriptedBackend({
      search: answer,
      tags: () => [],
      review: () => ({ status: "reviewed", documents: 1, changed: 1 }),
    });
    renderAt("#/search?q=stored&kind=filing", backend);
    fireEvent.click(await screen.findByRole("button", { name: "Select all 1 that match" }));
    const bar = screen.getByRole("region", { name: "Act on the selected documents" });
    fireEvent.click(within(bar).getByRole("button", { name: "Reviewed" }));
    await waitFor(() =>
      expect(backend.argsOf("review")).toEqual([{ search: { query: "stored", kind: "filing" }, status: "reviewed" }]),
    );
  });

  test("typing searches again after a pause, through the hash", async () => {
    const backend = new ScriptedBackend({ search: answer });
    renderAt("#/search", backend);
    fireEvent.input(screen.getByRole("searchbox", { name: "Search" }), { target: { value: "opted in" } });
    await waitFor(() => expect(window.location.hash).toBe("#/search?q=opted+in"));
  });

  test("arrow keys move from the box into the results", async () => {
    renderAt("#/search?q=stored", new ScriptedBackend({ search: answer }));
    const hit = await screen.findByRole("link", { name: "Class Action Complaint" });
    fireEvent.keyDown(screen.getByRole("searchbox", { name: "Search" }), { key: "ArrowDown" });
    expect(document.activeElement).toBe(hit);
    fireEvent.keyDown(hit, { key: "ArrowUp" });
    expect(document.activeElement).toBe(screen.getByRole("searchbox", { name: "Search" }));
  });
});
