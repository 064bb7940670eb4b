import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { BackendContext, CaseContext } from "../../app/context";
import { parseHash } from "../../app/router";
import { BackendError, type CaseSummary, type EventRequest, type TimelineEvent } from "../../lib/backend";
import { desktopDropTarget, ScriptedBackend, type Handlers } from "../../testing/scripted-backend";
import { TimelineScreen } from "./timeline-screen";
import { SAMPLE_EVENTS } from "./sample-events";

afterEach(() => {
  cleanup();
  window.location.hash = "";
});

function backendWith(extra: Handlers = {}): ScriptedBackend {
  return new ScriptedBackend({ timeline: () => SAMPLE_EVENTS, docs: () => [], ...extra });
}

const summary: CaseSummary = { name: "Linkwise privacy matter", path: "/cases/l", documents: 18, by_kind: [], schema_version: 5, review: [] };

function renderAt(hash: string, backend: ScriptedBackend) {
  window.location.hash = hash;
  return render(
    <BackendContext.Provider value={backend}>
      <CaseContext.Provider value={{ summary, refresh: () => Promise.resolve() }}>
        <TimelineScreen params={{}} query={parseHash(hash).query} />
      </CaseContext.Provider>
    </BackendContext.Provider>,
  );
}

/** The sample events with these ids, in the chronology's order: what a scripted case answers. */
const eventsWithIds = (...ids: number[]): TimelineEvent[] => SAMPLE_EVENTS.filter((e) => ids.includes(e.id));

const rowTitles = (): string[] => [...document.querySelectorAll("table.chronology tbody th a")].map((a) => a.textContent ?? "");

describe("exporting the filtered chronology", () => {
  test("the events an issue and a status select are exported by the case with the same filters, in the desktop through its save dialog", async () => {
    const csv = "date,event\r\n2024-10-02,Tran v. Linkwise filed\r\n";
    const backend = backendWith({
      timeline: (args) => (args.format === "csv" ? { format: "csv", media_type: "text/csv", content: csv } : args.issue !== undefined ? eventsWithIds(2) : SAMPLE_EVENTS),
    });
    const saved: { name: string; contents: string }[] = [];
    backend.desktop = {
      ...desktopDropTarget().actions,
      saveExport: (name, contents) => {
        saved.push({ name, contents });
        return Promise.resolve({ path: `/exports/${name}`, size: contents.length });
      },
    };
    renderAt("#/timeline?issue=Stored%20Communications%20Act&status=alleged", backend);
    fireEvent.click(await screen.findByRole("button", { name: "Export this event (CSV)" }));
    expect(await screen.findByText(/^Saved \/exports\/Linkwise privacy matter-chronology-Stored Communications Act-alleged\.csv/)).toBeTruthy();
    expect(backend.argsOf("timeline")).toContainEqual({ format: "csv", issue: "Stored Communications Act", status: "alleged" });
    expect(saved.map((s) => s.contents)).toEqual([csv]);
  });

  test("with a tag filter the events the case selects by that tag are counted and exported with the same tag", async () => {
    const csv = "date,event\r\n2024-08-12,setting\r\n2024-08-20,faq\r\n";
    const backend = backendWith({
      timeline: (args) => (args.format === "csv" ? { format: "csv", media_type: "text/csv", content: csv } : args.tag === "ai training" ? eventsWithIds(3, 2) : SAMPLE_EVENTS),
    });
    const saved: string[] = [];
    backend.desktop = {
      ...desktopDropTarget().actions,
      saveExport: (name, contents) => {
        saved.push(name);
        return Promise.resolve({ path: `/exports/${name}`, size: contents.length });
      },
    };
    renderAt("#/timeline?tag=ai%20training", backend);
    fireEvent.click(await screen.findByRole("button", { name: "Export these 2 events (CSV)" }));
    expect(await screen.findByText(/^Saved \/exports\/Linkwise privacy matter-chronology-ai training\.csv/)).toBeTruthy();
    expect(backend.argsOf("timeline")).toContainEqual({ tag: "ai training" });
    expect(backend.argsOf("timeline")).toContainEqual({ format: "csv", tag: "ai training" });
    expect(saved).toEqual(["Linkwise privacy matter-chronology-ai training.csv"]);
  });

  test("a filter the case refuses is reported, and nothing is shown as passing it", async () => {
    const backend = backendWith({
      timeline: (args) => {
        if (args.status !== undefined) {
          throw new BackendError("invalid_input", `unknown status "${args.status}"`);
        }
        return SAMPLE_EVENTS;
      },
    });
    renderAt("#/timeline?status=rumoured", backend);
    expect((await screen.findByRole("alert")).textContent).toBe('Cannot filter the chronology: unknown status "rumoured"');
    expect(screen.getByText(/Showing 0 of 5 events/)).toBeTruthy();
  });

  test("without filters no export of the shown events is offered (the exhibits screen exports them all)", async () => {
    renderAt("#/timeline", backendWith());
    await screen.findByRole("table", { name: /Chronology/ });
    expect(screen.queryByRole("button", { name: /^Export these/ })).toBeNull();
  });
});

describe("the timeline screen", () => {
  test("the table lists every event in date order with its status in words beside its shape", async () => {
    renderAt("#/timeline", backendWith());
    await screen.findByRole("table", { name: /Chronology \(5 events/ });
    expect(rowTitles()).toEqual(SAMPLE_EVENTS.map((e) => e.title));
    const disputed = screen.getByRole("row", { name: /calls the claims meritless/ });
    expect(within(disputed).getByText("disputed", { exact: false }).textContent).toBe("✕ disputed");
    const uncited = screen.getByRole("row", { name: /Motion to dismiss/ });
    expect(uncited.textContent).toContain("prospective (given as alleged)");
  });

  test("each citation opens the viewer at its page with the quote highlighted, and says whether it verifies", async () => {
    renderAt("#/timeline", backendWith());
    const link = await screen.findByRole("link", { name: "Doc 5 “Class Action Complaint”, p. 4" });
    const target = parseHash(link.getAttribute("href") ?? "");
    expect(target.segments).toEqual(["doc", "5"]);
    expect(target.query.get("page")).toBe("4");
    expect(target.query.get("quote")).toBe("On or about August 12, 2024, Linkwise added the setting");
    expect(screen.getByText(/does not verify: the quote is no longer on document 17/)).toBeTruthy();
  });

  test("the chart draws a mark per event, named with its date in words and its status", async () => {
    renderAt("#/timeline", backendWith());
    await screen.findByRole("table", { name: /Chronology/ });
    const marks = [...document.querySelectorAll("a.event-mark")];
    expect(marks).toHaveLength(5);
    const year = marks.find((m) => m.getAttribute("data-event") === "10");
    expect(year?.getAttribute("aria-label")).toBe("Motion to dismiss. 2025 (some time in the year 2025). Status: prospective.");
    expect(year?.querySelector("rect.bar.uncertain")).not.toBeNull();
    const day = marks.find((m) => m.getAttribute("data-event") === "2");
    expect(day?.querySelector("rect.bar")).toBeNull();
    expect(day?.querySelector(".shape.hollow")).not.toBeNull();
  });

  test("the chart and the table show the events the case returns for the filters, which live in the hash", async () => {
    const backend = backendWith({ timeline: (args) => (args.status === "alleged" ? eventsWithIds(2, 7) : SAMPLE_EVENTS) });
    renderAt("#/timeline?status=alleged", backend);
    await screen.findByRole("table", { name: /Chronology \(2 events/ });
    expect(rowTitles()).toEqual(["Linkwise adds the AI training setting, on by default", "Linkwise edits its FAQ (a silent change)"]);
    expect(document.querySelectorAll("a.event-mark")).toHaveLength(2);
    expect(screen.getByText(/Showing 2 of 5 events/)).toBeTruthy();
    expect(backend.argsOf("timeline")).toEqual([{}, { status: "alleged" }]);
    fireEvent.change(screen.getByLabelText("Issue"), { target: { value: "Stored Communications Act" } });
    expect(parseHash(window.location.hash).query.get("issue")).toBe("Stored Communications Act");
    expect(parseHash(window.location.hash).query.get("status")).toBe("alleged");
  });

  test("+ and − on the chart zoom in and out about its middle", async () => {
    renderAt("#/timeline", backendWith());
    await screen.findByRole("table", { name: /Chronology/ });
    const range = (): string => document.querySelector(".view-range")?.textContent ?? "";
    const before = range();
    const chart = screen.getByLabelText(/Timeline chart/);
    fireEvent.keyDown(chart, { key: "+" });
    await waitFor(() => expect(range()).not.toBe(before));
    fireEvent.keyDown(chart, { key: "0" });
    await waitFor(() => expect(range()).toBe(before));
  });

  test("a new event is sent with its fuzzy date, and the form says how the date reads", async () => {
    const created: TimelineEvent = { ...SAMPLE_EVENTS[0]!, id: 20, title: "FAQ edited" };
    const backend = backendWith({
      event: (args) =>
        args.action === "read_date"
          ? { date: args.date, end: null, display_date: "between 20 Aug 2024 and 27 Sep 2024", span: { kind: "between", first_day: "2024-08-20", last_day: "2024-09-27", precision: "day" } }
          : created,
    });
    renderAt("#/timeline", backend);
    fireEvent.click(await screen.findByRole("button", { name: "New event" }));
    const form = screen.getByRole("form", { name: "New event" });
    fireEvent.input(within(form).getByLabelText("Title"), { target: { value: "FAQ edited" } });
    fireEvent.input(within(form).getByLabelText("Date"), { target: { value: "between 2024-08-20 and 2024-09-27" } });
    expect(await within(form).findByText("Read as some time between 2024-08-20 and 2024-09-27.")).toBeTruthy();
    expect(backend.argsOf("event").at(-1)).toEqual({ action: "read_date", date: "between 2024-08-20 and 2024-09-27" });
    fireEvent.input(within(form).getByLabelText("Issues (comma-separated)"), { target: { value: "UCL, SCA" } });
    fireEvent.change(within(form).getByLabelText("Status"), { target: { value: "disputed" } });
    fireEvent.click(within(form).getByRole("button", { name: "Create event" }));
    await screen.findByText("Created “FAQ edited”.");
    const sent = backend.argsOf("event").at(-1) as EventRequest;
    expect(sent).toMatchObject({ action: "add", title: "FAQ edited", date: "between 2024-08-20 and 2024-09-27", status: "disputed", issues: ["UCL", "SCA"] });
    expect(parseHash(window.location.hash).query.get("event")).toBe("20");
  });

  test("a date the chronology cannot read is said so, in the case's words, before sending and on saving", async () => {
    const backend = backendWith({
      event: () => {
        throw { code: "invalid_input", message: '"Aug 2024" is not a date: the year must be 4 digits' };
      },
    });
    renderAt("#/timeline", backend);
    fireEvent.click(await screen.findByRole("button", { name: "New event" }));
    const form = screen.getByRole("form", { name: "New event" });
    fireEvent.input(within(form).getByLabelText("Title"), { target: { value: "Setting added" } });
    fireEvent.input(within(form).getByLabelText("Date"), { target: { value: "Aug 2024" } });
    expect(await within(form).findByText('"Aug 2024" is not a date: the year must be 4 digits')).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Create event" }));
    expect((await within(form).findByRole("alert")).textContent).toBe('Not saved: "Aug 2024" is not a date: the year must be 4 digits');
  });

  test("the selected event's citations can be withdrawn and its tags removed, each as one command", async () => {
    const backend = backendWith({
      event: () => SAMPLE_EVENTS[2]!,
      tag: () => ({ added: [], removed: ["silent change"], tags: [], documents: 0, changed: 0 }),
    });
    renderAt("#/timeline?event=7", backend);
    const details = await screen.findByRole("region", { name: "Linkwise edits its FAQ (a silent change)" });
    fireEvent.click(within(details).getByRole("button", { name: /Withdraw citation 12/ }));
    await waitFor(() => expect(backend.argsOf("event")).toEqual([{ action: "withdraw", citation: 12 }]));
    fireEvent.click(within(details).getByRole("button", { name: "Remove the tag silent change" }));
    await waitFor(() => expect(backend.argsOf("tag")).toEqual([{ event: 7, tags: ["silent change"], remove: true }]));
    expect(await screen.findByText("Removed the tag “silent change”.")).toBeTruthy();
  });

  test("a quote cited from the event side goes to the case with the event, document, page and relation", async () => {
    const backend = backendWith({
      docs: () => [{ id: 5, kind: "filing", title: "Class Action Complaint", date: "2024-10-02", sha256: "ab", parent: null }],
      cite: () => ({ id: 30, verified: true, page: 4, exact: "added the setting", prefix: null, suffix: null, start: 0, end: 17, occurrences: 1, sha256: "ab", event_status: "alleged" }),
    });
    renderAt("#/timeline?event=2", backend);
    const details = await screen.findByRole("region", { name: "Linkwise adds the AI training setting, on by default" });
    await within(details).findByRole("option", { name: /Class Action Complaint/ });
    fireEvent.input(within(details).getByLabelText("Page (optional)"), { target: { value: "4" } });
    fireEvent.input(within(details).getByLabelText("Exact words of the document"), { target: { value: "added the setting" } });
    fireEvent.change(within(details).getByLabelText("Relation"), { target: { value: "contradicts" } });
    fireEvent.click(within(details).getByRole("button", { name: "Cite" }));
    await screen.findByText("Cited document 5, page 4: the quote verifies.");
    expect(backend.argsOf("cite")).toEqual([{ event: 2, doc: 5, page: 4, quote: "added the setting", relation: "contradicts" }]);
  });

  test("suggested events are listed when asked for and the chosen ones accepted together", async () => {
    const backend = backendWith({
      suggest: (args) =>
        args.accept === undefined
          ? [{ key: "doc:1", date: "2024-06-14", title: "Article published: Linkwise to pay", source: "document", citations: [{ doc: 1, relation: "supports", quote: null }] }]
          : [{ key: "doc:1", event: 11 }],
    });
    renderAt("#/timeline", backend);
    const panel = (await screen.findByText(/Suggested events/)).closest("details")!;
    panel.open = true;
    fireEvent(panel, new Event("toggle"));
    fireEvent.click(await within(panel).findByLabelText(/Article published/));
    fireEvent.click(within(panel).getByRole("button", { name: "Add 1 event" }));
    await screen.findByText("Added 1 suggested event to the chronology.");
    expect(backend.argsOf("suggest")).toContainEqual({ accept: ["doc:1"] });
  });

  test("undo says what it reverted, in the audit log's words", async () => {
    const backend = backendWith({
      undo: () => ({ kind: "undo", edit: 9, reverted: 8, reverted_changes: [{ action: "citation.withdraw", target: "citation:12", detail: "" }], changes: [] }),
    });
    renderAt("#/timeline", backend);
    fireEvent.click(await screen.findByRole("button", { name: "Undo last edit" }));
    expect(await screen.findByText("Undone: citation.withdraw citation:12.")).toBeTruthy();
    expect(backend.argsOf("undo")).toEqual([{}]);
  });

  test("notes on the documents the event cites are shown with it and can be deleted", async () => {
    const note = (id: number, doc: number, text: string) => ({ id, doc, page: 4, quote: "added the setting", start: 5, end: 22, text, verified: true, created_at: "2024-10-05T09:00:00Z" });
    const backend = backendWith({
      notes: () => [note(1, 5, "Compare with the FAQ capture"), note(2, 99, "Unrelated document")],
      note_delete: (args) => ({ note: args.note, doc: 5, text: "Compare with the FAQ capture" }),
    });
    renderAt("#/timeline?event=2", backend);
    const details = await screen.findByRole("region", { name: "Linkwise adds the AI training setting, on by default" });
    await within(details).findByText(/Compare with the FAQ capture/);
    expect(within(details).queryByText(/Unrelated document/)).toBeNull();
    fireEvent.click(within(details).getByRole("button", { name: "Delete note 1" }));
    expect(await screen.findByText("Deleted the note on document 5; Undo brings it back.")).toBeTruthy();
    expect(backend.argsOf("note_delete")).toEqual([{ note: 1 }]);
  });

  test("editing an event sends its changed fields as one edit, dropping the end turns a range back into a date", async () => {
    const range: TimelineEvent = { ...SAMPLE_EVENTS[1]!, date: "2024-08-12", end: "2024-08-20" };
    const reading = (args: EventRequest) =>
      args.action === "read_date" && args.end !== undefined
        ? { date: args.date, end: args.end, display_date: "12 Aug 2024 – 20 Aug 2024", span: { kind: "range" as const, first_day: "2024-08-12", last_day: "2024-08-20", precision: "day" as const } }
        : { date: "2024-08-12", end: null, display_date: "12 Aug 2024", span: { kind: "on" as const, first_day: "2024-08-12", last_day: "2024-08-12", precision: "day" as const } };
    const backend = new ScriptedBackend({
      timeline: () => [range],
      docs: () => [],
      event: (args) => (args.action === "read_date" ? reading(args) : { ...range, end: null }),
    });
    renderAt("#/timeline?event=2", backend);
    fireEvent.click(await screen.findByRole("button", { name: "Edit event" }));
    const form = screen.getByRole("form", { name: /^Edit “Linkwise adds/ });
    expect((within(form).getByLabelText("End (for a range)") as HTMLInputElement).value).toBe("2024-08-20");
    expect(await within(form).findByText("Read as from 2024-08-12 to 2024-08-20.")).toBeTruthy();
    fireEvent.input(within(form).getByLabelText("End (for a range)"), { target: { value: "" } });
    expect(await within(form).findByText("Read as on 2024-08-12.")).toBeTruthy();
    fireEvent.input(within(form).getByLabelText("Actors (comma-separated)"), { target: { value: "Linkwise" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save changes" }));
    await screen.findByText("Saved “Linkwise adds the AI training setting, on by default”.");
    expect(backend.argsOf("event").filter((a) => a.action !== "read_date")).toEqual([
      {
        action: "edit",
        event: 2,
        title: "Linkwise adds the AI training setting, on by default",
        date: "2024-08-12",
        status: "alleged",
        description: "",
        issues: ["Stored Communications Act", "Unfair competition law"],
        actors: ["Linkwise"],
      },
    ]);
  });
});
