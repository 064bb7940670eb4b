// The timeline: the chronology of facts and allegations, filtered by issue, status and tag, on a
// zoomable time axis and in a table, with the selected event's details, its citations and the
// forms to create, edit, cite, tag and accept suggested events. Filters and the selected event
// live in the hash (filters.ts), so the back button and links work.

import "../panels.css";
import "./timeline.css";
import "./commands";
import { useState } from "preact/hooks";
import type { TimelineEvent } from "../../lib/backend";
import { replaceHash, type ScreenProps } from "../../app/router";
import { useCommand } from "../../app/use-command";
import { FilteredExport } from "./filtered-export";
import { anyFilter, filterChoices, filterRequest, filtersFromQuery, NO_FILTERS, timelineHref, type TimelineFilters } from "./filters";
import { TimelineChart, TimelineLegend } from "./timeline-chart";
import { ChronologyTable } from "./chronology-table";
import { EventDetails } from "./event-details";
import { EventForm } from "./event-form";
import { SuggestionsPanel } from "./suggestions-panel";
import { UndoBar } from "./undo-bar";

export function TimelineScreen({ query }: ScreenProps) {
  const { filters, selected } = filtersFromQuery(query);
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | undefined>();
  const [creating, setCreating] = useState(false);
  const loaded = useCommand("timeline", {}, `timeline ${generation}`);
  // The case decides which events pass the filters (the same rule its exports follow); the whole
  // chronology is still loaded for the filters' choices and counts and the selected event.
  const filtering = anyFilter(filters);
  const request = filterRequest(filters);
  const filtered = useCommand("timeline", filtering ? request : undefined, `timeline ${generation} ${JSON.stringify(request)}`);

  const changed = (text: string, failed = false): void => {
    setMessage({ text, failed });
    if (!failed) {
      setGeneration((g) => g + 1);
    }
  };

  if (loaded.status === "failed") {
    return (
      <section class="error" role="alert" aria-labelledby="timeline-error">
        <h2 id="timeline-error">Cannot load the chronology</h2>
        <p>{loaded.error.message}</p>
      </section>
    );
  }
  const all: TimelineEvent[] = loaded.status === "done" && Array.isArray(loaded.output) ? loaded.output : [];
  const shown: TimelineEvent[] = !filtering ? all : filtered.status === "done" && Array.isArray(filtered.output) ? filtered.output : [];
  const hrefFor = (id: number): string => timelineHref(filters, id);
  const selectedEvent = all.find((e) => e.id === selected);

  return (
    <section class="timeline-screen" aria-labelledby="timeline-heading">
      <header class="screen-header">
        <h2 id="timeline-heading">Timeline</h2>
        <div class="screen-actions">
          <button type="button" onClick={() => setCreating(true)} aria-expanded={creating}>
            New event
          </button>
          <UndoBar onChanged={changed} />
        </div>
      </header>
      <p role="status" class={message?.failed === true ? "error-text" : "change-message"}>
        {message?.text ?? ""}
      </p>
      {creating && (
        <section class="panel" aria-labelledby="new-event-heading">
          <h3 id="new-event-heading">New event</h3>
          <EventForm
            onSaved={(saved) => {
              setCreating(false);
              changed(`Created “${saved.title}”.`);
              replaceHash(timelineHref(filters, saved.id));
            }}
            onCancel={() => setCreating(false)}
          />
        </section>
      )}
      {loaded.status === "loading" && all.length === 0 ? (
        <p class="status">Loading the chronology…</p>
      ) : (
        <>
          <div class="timeline-top">
            <Filters events={all} filters={filters} shown={shown.length} />
            {filtering && filtered.status === "failed" && (
              <p class="error-text" role="alert">
                Cannot filter the chronology: {filtered.error.message}
              </p>
            )}
            <FilteredExport filters={filters} shown={shown.length} onDone={(text, failed) => setMessage({ text, failed })} />
            <TimelineLegend />
          </div>
          <TimelineChart events={shown} selected={selected} hrefFor={hrefFor} />
          {selectedEvent !== undefined && (
            <EventDetails key={selectedEvent.id} event={selectedEvent} generation={generation} onChanged={changed} onClose={() => replaceHash(timelineHref(filters))} />
          )}
          <ChronologyTable events={shown} selected={selected} hrefFor={hrefFor} />
        </>
      )}
      <SuggestionsPanel generation={generation} onChanged={changed} />
    </section>
  );
}

function Filters({ events, filters, shown }: { events: readonly TimelineEvent[]; filters: TimelineFilters; shown: number }) {
  const choices = filterChoices(events);
  const set = (change: Partial<TimelineFilters>): void => replaceHash(timelineHref({ ...filters, ...change }));
  const select = (name: "issue" | "status" | "tag", label: string, options: [string, number][]) => (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} value={filters[name]} onChange={(e) => set({ [name]: e.currentTarget.value })}>
        <option value="">all</option>
        {options.map(([value, count]) => (
          <option key={value} value={value}>
            {value} ({count})
          </option>
        ))}
        {filters[name] !== "" && !options.some(([v]) => v === filters[name]) && <option value={filters[name]}>{filters[name]} (0)</option>}
      </select>
    </div>
  );
  const active = anyFilter(filters);
  return (
    <form class="timeline-filters" aria-label="Filter the chronology" onSubmit={(e) => e.preventDefault()}>
      {select("issue", "Issue", choices.issues)}
      {select("status", "Status", choices.statuses)}
      {select("tag", "Tag", choices.tags)}
      <div class="field">
        <label for="filter-text">Words</label>
        <input id="filter-text" type="search" value={filters.text} onChange={(e) => set({ text: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" type="text" size={10} placeholder="2024-08" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} />
      </div>
      <div class="field">
        <label for="filter-to">To</label>
        <input id="filter-to" type="text" size={10} placeholder="Q3 2024" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} />
      </div>
      <p class="muted filter-count" aria-live="polite">
        Showing {shown} of {events.length} events.{" "}
        {active && (
          <button type="button" class="link" onClick={() => replaceHash(timelineHref(NO_FILTERS))}>
            Clear the filters
          </button>
        )}
      </p>
    </form>
  );
}
