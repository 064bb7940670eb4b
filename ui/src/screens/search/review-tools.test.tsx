import { afterEach, describe, expect, test, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import { parseHash } from "../../app/router";
import type { SavedSearchView, SearchOutput, SearchRequest } from "../../lib/backend";
import { desktopDropTarget, ScriptedBackend, type Handlers } from "../../testing/scripted-backend";
import { SearchScreen } from "./search-screen";
import { filtersFromQuery, hrefForFilters, requestFor } from "./search-state";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.location.hash = "";
});

/** 1,234 matching documents; each page holds the documents from its offset on. */
const TOTAL = 1234;
const pageOf = (request: SearchRequest): SearchOutput => {
  const offset = request.offset ?? 0;
  const count = Math.max(0, Math.min(request.limit ?? 20, TOTAL - offset));
  return {
    total: TOTAL,
    offset,
    index_behind: false,
    hits: Array.from({ length: count }, (_, i) => ({
      doc: offset + i + 1,
      title: `Message ${offset + i + 1}`,
      kind: "email",
      date: "2001-05-01",
      page: null,
      score: 1,
      snippet: "about <mark>power</mark>",
      pages: [{ page: null, score: 1, snippet: "about <mark>power</mark>" }],
    })),
    facets: { kind: { email: TOTAL }, tag: {}, year: { "2001": TOTAL }, custodian: {} },
  };
};

const saved: SavedSearchView[] = [
  { name: "Opt-in", request: { query: '"opted in"', kind: "article" }, created_at: "2024-08-15T10:00:00Z", updated_at: "2024-08-15T10:00:00Z" },
  { name: "Not hot", request: { query: "power", not_tag: "hot", since: "2001-05" }, created_at: "2024-08-15T10:00:00Z", updated_at: "2024-08-15T10:00:00Z" },
];

function renderAt(hash: string, handlers: Handlers): ScriptedBackend {
  window.location.hash = hash;
  const backend = new ScriptedBackend({ saved_searches: () => saved, ...handlers });
  render(
    <BackendContext.Provider value={backend}>
      <SearchScreen params={{}} query={parseHash(hash).query} />
    </BackendContext.Provider>,
  );
  return backend;
}

describe("paging and order in the hash", () => {
  test("offset, order and a saved search survive the round trip through a link and reach the request", () => {
    const filters = { q: "power", sort: "oldest" as const, offset: 50, saved: "Opt-in", notTag: "hot", notSaved: "Seen" };
    expect(filtersFromQuery(parseHash(hrefForFilters(filters)).query)).toEqual(filters);
    expect(requestFor(filters)).toEqual({
      query: "power",
      limit: 50,
      offset: 50,
      sort: "oldest",
      in_saved: "Opt-in",
      not_tag: "hot",
      not_in_saved: "Seen",
    });
  });
});

describe("the search screen pages through every hit", () => {
  test("the second page shows 51–100 of 1,234 with links to the pages around it", async () => {
    const backend = renderAt("#/search?q=power&offset=50", { search: pageOf });
    expect(await screen.findByRole("link", { name: "Message 51" })).toBeTruthy();
    expect(screen.getByText("1,234 matching documents; 51–100 of 1,234 shown")).toBeTruthy();
    expect(screen.getByRole("link", { name: /Previous 50/ }).getAttribute("href")).toBe("#/search?q=power");
    expect(screen.getByRole("link", { name: /Next 50/ }).getAttribute("href")).toBe("#/search?q=power&offset=100");
    expect(backend.argsOf("search")).toEqual([{ query: "power", limit: 50, offset: 50 }]);
  });

  test("the last page offers no next page and says how many are left", async () => {
    renderAt("#/search?q=power&offset=1200", { search: pageOf });
    expect(await screen.findByRole("link", { name: "Message 1234" })).toBeTruthy();
    expect(screen.getByText("1,201–1,234 of 1,234")).toBeTruthy();
    expect(screen.queryByRole("link", { name: /Next/ })).toBeNull();
  });

  test("choosing oldest first sorts by date from the first page", async () => {
    renderAt("#/search?q=power&offset=100", { search: pageOf });
    const order = await screen.findByRole("combobox", { name: "Order" });
    fireEvent.change(order, { target: { value: "oldest" } });
    await waitFor(() => expect(window.location.hash).toBe("#/search?q=power&sort=oldest"));
  });
});

describe("saved searches on the search screen", () => {
  test("a saved search is listed and re-runs with a click, with its filters", async () => {
    renderAt("#/search", { search: pageOf });
    const link = await screen.findByRole("link", { name: "Opt-in" });
    expect(link.getAttribute("href")).toBe("#/search?q=%22opted+in%22&kind=article");
    expect(screen.getAllByRole("link", { name: "(within)" })[0]?.getAttribute("href")).toBe("#/search?q=*&saved=Opt-in");
  });

  test("a saved search whose filters the screen cannot show re-runs as every document it finds", async () => {
    renderAt("#/search", { search: pageOf });
    const link = await screen.findByRole("link", { name: "Not hot" });
    expect(link.getAttribute("href")).toBe("#/search?q=*&saved=Not+hot");
  });

  test("the search shown is saved under a name with its filters, not its page or order", async () => {
    const backend = renderAt("#/search?q=power&kind=email&sort=date&offset=50", {
      search: pageOf,
      saved_search: (args) => ({ saved: { name: args.name, request: args.request, created_at: "", updated_at: "" }, created: true, total: 1234 }),
    });
    await screen.findByRole("link", { name: "Message 51" });
    fireEvent.input(screen.getByLabelText("Save this search as"), { target: { value: "  Power mail " } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved “Power mail” (1,234 documents now).")).toBeTruthy();
    expect(backend.argsOf("saved_search")).toEqual([{ name: "Power mail", request: { query: "power", kind: "email" } }]);
    await waitFor(() => expect(backend.argsOf("saved_searches").length).toBe(2));
  });

  test("a saved search can be deleted", async () => {
    const backend = renderAt("#/search", { saved_search_delete: (args) => ({ deleted: args.name }) });
    fireEvent.click(await screen.findByRole("button", { name: "Delete saved search Opt-in" }));
    expect(await screen.findByText("Deleted “Opt-in”.")).toBeTruthy();
    expect(backend.argsOf("saved_search_delete")).toEqual([{ name: "Opt-in" }]);
  });
});

describe("leaving documents out", () => {
  test("a tag of the facets can be left out, shown as a filter that can be removed", async () => {
    const tagged = (request: SearchRequest): SearchOutput => ({ ...pageOf(request), facets: { ...pageOf(request).facets, tag: { hot: 3 } } });
    const backend = renderAt("#/search?q=power&offset=50", { search: tagged });
    const leaveOut = await screen.findByRole("link", { name: "Leave out tag hot" });
    expect(leaveOut.getAttribute("href")).toBe("#/search?q=power&not_tag=hot");
    cleanup();
    const narrowed = renderAt("#/search?q=power&not_tag=hot", { search: tagged });
    const chip = await screen.findByRole("link", { name: /not tagged: hot/ });
    expect(chip.getAttribute("href")).toBe("#/search?q=power");
    expect(narrowed.argsOf("search")).toEqual([{ query: "power", limit: 50, not_tag: "hot" }]);
    expect(backend.argsOf("search").length).toBe(1);
  });

  test("a saved search's documents can be left out of the search shown", async () => {
    renderAt("#/search?q=power&kind=email", { search: pageOf });
    const links = await screen.findAllByRole("link", { name: "(leave out)" });
    expect(links[0]?.getAttribute("href")).toBe("#/search?q=power&kind=email&not_saved=Opt-in");
  });
});

describe("the export of every hit", () => {
  test("asks the case for every hit of the search, not the page, and saves the CSV it writes", async () => {
    const saves: { name: string; contents: string }[] = [];
    const backend = renderAt("#/search?q=power&offset=50&sort=oldest", {
      search: pageOf,
      search_export: () => ({ format: "csv", media_type: "text/csv", content: "doc,title\r\n1,Message 1\r\n" }),
    });
    backend.desktop = {
      ...desktopDropTarget().actions,
      saveExport: (name, contents) => {
        saves.push({ name, contents });
        return Promise.resolve({ path: `/exports/${name}`, size: contents.length });
      },
    };
    fireEvent.click(await screen.findByRole("button", { name: "Export all hits (CSV)" }));
    expect(await screen.findByText(/^Saved \/exports\/case-search-hits\.csv \(24 bytes\)\.$/)).toBeTruthy();
    expect(backend.argsOf("search_export")).toEqual([{ query: "power", sort: "oldest" }]);
    expect(saves).toEqual([{ name: "case-search-hits.csv", contents: "doc,title\r\n1,Message 1\r\n" }]);
  });
});
