import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext } from "../../app/context";
import { parseHash } from "../../app/router";
import { ScriptedBackend } from "../../testing/scripted-backend";
import type { PolicyDiffOutput, SeriesView } from "./commands";
import { PolicyListScreen, PolicySeriesScreen, seriesHref } from "./policy-screen";

afterEach(() => {
  cleanup();
  window.location.hash = "";
});

const FAQ = "Linkwise help: your data FAQ";

const series: SeriesView = {
  series: FAQ,
  url: "https://help.linkwise.example/faq/your-data",
  versions: [
    { doc: 16, captured: "2024-07-01", claimed_date: "2024-06-03", last_seen: "2024-07-01", observations: [], url: null },
    { doc: 17, captured: "2024-08-20", claimed_date: "2024-08-14", last_seen: "2024-08-20", observations: [], url: null },
    { doc: 18, captured: "2024-09-27", claimed_date: "2024-08-14", last_seen: "2024-10-15", observations: ["2024-10-15"], url: null },
  ],
  changes: [
    { last_old: "2024-07-01", first_new: "2024-08-20", old_doc: 16, new_doc: 17, added: ["a", "b"], removed: ["c"], claimed_before: "2024-06-03", claimed_after: "2024-08-14", silent: false, empty_bump: false, wording_changed: true },
    { last_old: "2024-08-20", first_new: "2024-09-27", old_doc: 17, new_doc: 18, added: ["d"], removed: ["e"], claimed_before: "2024-08-14", claimed_after: "2024-08-14", silent: true, empty_bump: false, wording_changed: true },
  ],
  formatting_only: 0,
};

const diff = (from: string, to: string): PolicyDiffOutput => ({
  series: FAQ,
  from: { doc: Number(from), captured: "2024-08-20", claimed_date: "2024-08-14" },
  to: { doc: Number(to), captured: "2024-09-27", claimed_date: "2024-08-14" },
  added: ["Linkwise offers"],
  removed: ["The setting is on by default."],
  hunks: [
    {
      old_start: 0,
      new_start: 0,
      text: "",
      segments: [
        { op: "equal", text: "a setting." },
        { op: "removed", text: "The setting is on by default." },
        { op: "added", text: "Linkwise offers" },
      ],
    },
  ],
});

function renderSeries(hash: string, backend: ScriptedBackend) {
  window.location.hash = hash;
  const location = parseHash(hash);
  return render(
    <BackendContext.Provider value={backend}>
      <PolicySeriesScreen params={{ series: location.segments[1] ?? "" }} query={location.query} />
    </BackendContext.Provider>,
  );
}

const backend = (): ScriptedBackend =>
  new ScriptedBackend({
    policy: () => series,
    policy_diff: (args) => diff(args.from, args.to),
    policy_trace: (args) => ({
      phrase: args.phrase,
      series: FAQ,
      appeared: { not_in: "2024-07-01", first_in: "2024-08-20", not_in_doc: 16, first_in_doc: 17 },
      disappeared: { last_in: "2024-08-20", not_in: "2024-09-27", last_in_doc: 17, not_in_doc: 18 },
      spans: [{ first_in: "2024-08-20", last_in: "2024-08-20" }],
    }),
  });

describe("the policy series list", () => {
  test("each series links to its page and shows its silent changes with a flag, not colour alone", async () => {
    const list = new ScriptedBackend({
      policy: () => [{ series: FAQ, url: null, versions: 3, changes: 2, captures: 4, silent: 1, empty_bumps: 0 }],
    });
    render(
      <BackendContext.Provider value={list}>
        <PolicyListScreen params={{}} query={new URLSearchParams()} />
      </BackendContext.Provider>,
    );
    const link = await screen.findByRole("link", { name: FAQ });
    expect(link.getAttribute("href")).toBe(seriesHref(FAQ));
    expect(parseHash(seriesHref(FAQ)).segments).toEqual(["policy", FAQ]);
    expect(screen.getByRole("row", { name: new RegExp(FAQ) }).textContent).toContain("⚑ 1");
  });
});

describe("a policy series", () => {
  test("changes are listed with their observation windows, the silent one flagged in words", async () => {
    renderSeries(seriesHref(FAQ), backend());
    const silent = await screen.findByRole("heading", { name: /Change 2: between 2024-08-20 and 2024-09-27/ });
    expect(silent.textContent).toContain("silent change");
    expect(silent.closest("article")?.textContent).toContain("the wording changed but the page's own date did not");
    expect(screen.getByRole("heading", { name: /Change 1/ }).textContent).not.toContain("silent");
    expect(screen.getByRole("img", { name: /3 versions from 2024-07-01/ })).toBeTruthy();
  });

  test("the silent change's diff is shown first, side by side, removals beside their replacements", async () => {
    const b = backend();
    renderSeries(seriesHref(FAQ), b);
    const table = await screen.findByRole("table", { name: "Change 1, side by side" });
    await waitFor(() => expect(b.argsOf("policy_diff")).toEqual([{ series: FAQ, from: "17", to: "18" }]));
    const change = within(table).getAllByRole("row")[2]!;
    expect(change.textContent).toBe("[removed: The setting is on by default.][added: Linkwise offers]");
    expect(change.querySelector("del")?.textContent).toContain("The setting is on by default.");
    expect(change.querySelector("ins")?.textContent).toContain("Linkwise offers");
    expect(document.querySelector(".diff-summary")?.textContent).toBe(
      "From version 2 (first captured 2024-08-20, claims 2024-08-14) to version 3 (first captured 2024-09-27, claims 2024-08-14): 6 words removed and 2 added, in 1 place.",
    );
  });

  test("the layout switch and another change's diff are kept in the hash", async () => {
    renderSeries(seriesHref(FAQ), backend());
    fireEvent.click(await screen.findByRole("button", { name: "Inline" }));
    expect(parseHash(window.location.hash).query.get("view")).toBe("inline");
    fireEvent.click(screen.getByRole("button", { name: "Show this diff" }));
    const query = parseHash(window.location.hash).query;
    expect([query.get("from"), query.get("to")]).toEqual(["16", "17"]);
  });

  test("inline, removed and added words read in order, each announced as such", async () => {
    renderSeries(seriesHref(FAQ, { view: "inline" }), backend());
    const hunk = await waitFor(() => {
      const found = document.querySelector(".hunk-text");
      expect(found).not.toBeNull();
      return found!;
    });
    expect(hunk.textContent).toBe("a setting. [removed: The setting is on by default.] [added: Linkwise offers] ");
  });

  test("tracing a phrase says between which captures it appeared and went", async () => {
    renderSeries(seriesHref(FAQ), backend());
    fireEvent.input(await screen.findByLabelText("Phrase"), { target: { value: "on by default" } });
    fireEvent.click(screen.getByRole("button", { name: "Trace" }));
    const result = await screen.findByText(/Appeared:/);
    expect(result.textContent).toBe("Appeared: between 2024-07-01 (not there) and 2024-08-20 (there)");
    expect(screen.getByText(/Disappeared:/).textContent).toBe("Disappeared: between 2024-08-20 (last there) and 2024-09-27 (gone)");
    const firstIn = result.querySelector("a");
    expect(parseHash(firstIn?.getAttribute("href") ?? "").segments).toEqual(["doc", "17"]);
    expect(parseHash(firstIn?.getAttribute("href") ?? "").query.get("quote")).toBe("on by default");
  });

  test("a change is put on the timeline by accepting its suggestion, which cites both captures", async () => {
    const b = new ScriptedBackend({ policy: () => series, policy_diff: (args) => diff(args.from, args.to), suggest: () => [{ key: `policy:${FAQ}:18`, event: 12 }] });
    renderSeries(seriesHref(FAQ), b);
    const change = (await screen.findByRole("heading", { name: /Change 2/ })).closest("article")!;
    fireEvent.click(within(change as HTMLElement).getByRole("button", { name: "Put this change on the timeline" }));
    expect(await within(change as HTMLElement).findByText("Added to the timeline as event 12, citing both captures.")).toBeTruthy();
    expect(b.argsOf("suggest")).toEqual([{ accept: [`policy:${FAQ}:18`] }]);
  });

  test("the header gives the capture dates, and the diff comes first with the change list beside it", async () => {
    renderSeries(seriesHref(FAQ), backend());
    const diffHeading = await screen.findByRole("heading", { name: "Compare two versions" });
    expect(screen.getByText("3 versions, captured 2024-07-01 to 2024-10-15")).toBeTruthy();
    const changes = screen.getByRole("complementary", { name: "Changes (2)" });
    expect(diffHeading.compareDocumentPosition(changes) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(changes).getAllByRole("listitem")).toHaveLength(2);
  });
});
