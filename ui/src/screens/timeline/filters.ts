// The timeline's filters (issue, status, tag, words, a date range) and the selected event, kept in
// the hash (`#/timeline?issue=…&status=…&tag=…&text=…&from=…&to=…&event=3`) so a filtered view can
// be linked to and reloaded.

import type { TimelineEvent, TimelineRequest } from "../../lib/backend";
import { hrefTo } from "../../app/router";

export interface TimelineFilters {
  issue: string;
  status: string;
  tag: string;
  /** Words every shown event holds (title, description, actors, issues, tags, quotes). */
  text: string;
  /** The date range, as dates are written (`2024-08`, `Q3 2024`); the case reads them. */
  from: string;
  to: string;
}

export const NO_FILTERS: TimelineFilters = { issue: "", status: "", tag: "", text: "", from: "", to: "" };

/** The filters and the selected event from the hash's query. */
export function filtersFromQuery(query: URLSearchParams): { filters: TimelineFilters; selected: number | undefined } {
  const selected = Number.parseInt(query.get("event") ?? "", 10);
  return {
    filters: {
      issue: query.get("issue") ?? "",
      status: query.get("status") ?? "",
      tag: query.get("tag") ?? "",
      text: query.get("text") ?? "",
      from: query.get("from") ?? "",
      to: query.get("to") ?? "",
    },
    selected: Number.isFinite(selected) ? selected : undefined,
  };
}

/** The timeline's link for these filters and this selection. */
export function timelineHref(filters: TimelineFilters, selected?: number): string {
  return hrefTo("timeline", {
    issue: filters.issue,
    status: filters.status,
    tag: filters.tag,
    text: filters.text === "" ? undefined : filters.text,
    from: filters.from === "" ? undefined : filters.from,
    to: filters.to === "" ? undefined : filters.to,
    event: selected,
  });
}

/** Whether any filter is set. */
export function anyFilter(filters: TimelineFilters): boolean {
  return Object.values(filters).some((v) => v.trim() !== "");
}

/**
 * The `timeline` request for these filters: only the ones set. Which events pass is the case's
 * rule (`filter_matches` in crates/api/src/timeline.rs: blanks around and case ignored), never
 * decided here, so the list shown and the file exported hold the same events.
 */
export function filterRequest(filters: TimelineFilters): TimelineRequest {
  return {
    ...(filters.issue !== "" ? { issue: filters.issue } : {}),
    ...(filters.status !== "" ? { status: filters.status } : {}),
    ...(filters.tag !== "" ? { tag: filters.tag } : {}),
    ...(filters.text.trim() !== "" ? { text: filters.text } : {}),
    ...(filters.from.trim() !== "" ? { from: filters.from } : {}),
    ...(filters.to.trim() !== "" ? { to: filters.to } : {}),
  };
}

/** The values each filter can take, with how many events carry each, sorted by name. */
export function filterChoices(events: readonly TimelineEvent[]): { issues: [string, number][]; tags: [string, number][]; statuses: [string, number][] } {
  const count = (values: Iterable<string>): [string, number][] => {
    const counts = new Map<string, number>();
    for (const v of values) {
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  };
  return {
    issues: count(events.flatMap((e) => [...new Set(e.issues)])),
    tags: count(events.flatMap((e) => [...new Set(e.tags)])),
    statuses: count(events.map((e) => e.status)),
  };
}

/** Splits a comma-separated field ("SCA, UCL") into its trimmed, non-empty items. */
export function listField(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
