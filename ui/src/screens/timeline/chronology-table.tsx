// The chronology as a table, in date order: what a lawyer reads and checks line by line. Each
// title selects its event; each citation opens the viewer at its page with the quote highlighted.

import type { TimelineEvent } from "../../lib/backend";
import { statusLook } from "./status";
import { CitationLink } from "./citation-link";

export function ChronologyTable({ events, selected, hrefFor }: { events: readonly TimelineEvent[]; selected: number | undefined; hrefFor: (id: number) => string }) {
  return (
    <table class="chronology">
      <caption>Chronology ({events.length === 1 ? "1 event" : `${events.length} events`}, in date order)</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Event</th>
          <th scope="col">Status</th>
          <th scope="col">Issues</th>
          <th scope="col">Citations</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const look = statusLook(e.status);
          return (
            <tr key={e.id} aria-current={e.id === selected ? "true" : undefined} class={e.id === selected ? "selected" : undefined}>
              <td class="date-cell">{e.display_date}</td>
              <th scope="row" class="event-cell">
                <a href={hrefFor(e.id)}>{e.title}</a>
                {e.tags.length > 0 && (
                  <ul class="tag-list" aria-label="Tags">
                    {e.tags.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                )}
              </th>
              <td class={`status-cell status-${look.status}`}>
                <span aria-hidden="true" class="status-glyph">
                  {look.glyph}
                </span>{" "}
                {e.status}
                {e.requested_status !== e.status && <span class="muted"> (given as {e.requested_status})</span>}
              </td>
              <td>{e.issues.join("; ")}</td>
              <td>
                {e.citations.length === 0 ? (
                  <span class="muted">none yet</span>
                ) : (
                  <ul class="citation-list">
                    {e.citations.map((c) => (
                      <li key={c.id}>
                        <CitationLink citation={c} event={e.id} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
