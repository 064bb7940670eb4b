// The cast of characters: the case's email correspondents as people (the api merges one
// mailbox written differently: crates/api/src/people.rs), most active first, with a word filter.
// Choosing a person shows their addresses and aliases, opens a search for every message they
// sent or received, and lists the chronology events that name them as an actor.

import "../panels.css";
import "./commands";
import { useState } from "preact/hooks";
import type { TimelineEvent } from "../../lib/backend";
import { useCommand } from "../../app/use-command";
import { searchHref } from "../../app/links";
import { hrefTo, replaceHash, type ScreenProps } from "../../app/router";
import { timelineHref, NO_FILTERS } from "../timeline/filters";
import type { Person } from "./commands";
import { eventsOf, filterPeople, messagesQuery } from "./people";

export function PeopleScreen({ query }: ScreenProps) {
  const listed = useCommand("people", {}, "people");
  const timeline = useCommand("timeline", {}, "people timeline");
  const [text, setText] = useState("");
  const people: Person[] = listed.status === "done" && Array.isArray(listed.output) ? listed.output : [];
  const events: TimelineEvent[] = timeline.status === "done" && Array.isArray(timeline.output) ? timeline.output : [];
  const chosenId = query.get("person") ?? undefined;
  const chosen = people.find((p) => p.id === chosenId);
  const shown = filterPeople(people, text);

  return (
    <section class="people-screen" aria-labelledby="people-heading">
      <header class="screen-header">
        <h2 id="people-heading">People</h2>
      </header>
      {listed.status === "failed" && <p role="alert">Cannot list the people: {listed.error.message}</p>}
      {listed.status === "loading" && people.length === 0 ? (
        <p class="status">Finding the correspondents…</p>
      ) : (
        <>
          {chosen !== undefined && <PersonDetails person={chosen} events={eventsOf(chosen, events)} />}
          <form class="people-filter" onSubmit={(e) => e.preventDefault()}>
            <label for="people-filter">Find a person</label>{" "}
            <input id="people-filter" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />{" "}
            <span class="muted" aria-live="polite">
              {shown.length} of {people.length} people
            </span>
          </form>
          {people.length === 0 ? (
            <p class="hint">No email correspondents yet: ingest messages and their senders and recipients appear here.</p>
          ) : (
            <table class="people-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Messages</th>
                  <th scope="col">Sent</th>
                  <th scope="col">Received</th>
                  <th scope="col">First</th>
                  <th scope="col">Last</th>
                  <th scope="col">Addresses</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, 500).map((p) => (
                  <tr key={p.id} aria-current={p.id === chosenId ? "true" : undefined}>
                    <th scope="row">
                      <a href={hrefTo("people", { person: p.id })}>{p.name}</a>
                    </th>
                    <td>{p.documents}</td>
                    <td>{p.sent}</td>
                    <td>{p.received}</td>
                    <td>{p.first ?? ""}</td>
                    <td>{p.last ?? ""}</td>
                    <td>{p.addresses.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {shown.length > 500 && <p class="muted">Showing the 500 most active; type to find others.</p>}
        </>
      )}
    </section>
  );
}

function PersonDetails({ person, events }: { person: Person; events: TimelineEvent[] }) {
  return (
    <section class="panel person-details" aria-labelledby="person-heading">
      <h3 id="person-heading">{person.name}</h3>
      <dl class="meta-list">
        <dt>Addresses</dt>
        <dd>{person.addresses.join(", ")}</dd>
        <dt>Also written</dt>
        <dd>{person.aliases.length > 0 ? person.aliases.join("; ") : "no other name"}</dd>
        <dt>Messages</dt>
        <dd>
          {person.documents} ({person.sent} sent, {person.received} received), {person.first ?? "?"} to {person.last ?? "?"} ·{" "}
          <a href={searchHref(messagesQuery(person))}>Open their messages</a>
        </dd>
      </dl>
      <h4>Events</h4>
      {events.length === 0 ? (
        <p class="muted">No event of the chronology names {person.name} as an actor.</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li key={e.id}>
              <a href={timelineHref(NO_FILTERS, e.id)}>
                {e.display_date} — {e.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="link" onClick={() => replaceHash(hrefTo("people"))}>
        Close
      </button>
    </section>
  );
}
