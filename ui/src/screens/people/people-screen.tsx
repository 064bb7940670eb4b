// The cast of characters: the case's email correspondents as people (the api merges one
// mailbox written differently: crates/api/src/people.rs), most active first, with a word filter.
// Choosing a person shows their addresses and aliases, opens a search for every message they
// sent or received, and lists the chronology events that name them as an actor; there the
// reviewer merges another person in or splits an address off (`person`, audited).

import "../panels.css";
import "./commands";
import { useState } from "preact/hooks";
import { BackendError, type TimelineEvent } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { documentHref, searchHref } from "../../app/links";
import { hrefTo, replaceHash, type ScreenProps } from "../../app/router";
import { timelineHref, NO_FILTERS } from "../timeline/filters";
import type { CorrespondenceLine, Person } from "./commands";
import { eventsOf, filterPeople, messagesQuery } from "./people";

export function PeopleScreen({ query }: ScreenProps) {
  const [generation, setGeneration] = useState(0);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | undefined>();
  const listed = useCommand("people", {}, `people ${generation}`);
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
      <p role="status" class={message?.failed === true ? "error-text" : "change-message"}>
        {message?.text ?? ""}
      </p>
      {listed.status === "failed" && <p role="alert">Cannot list the people: {listed.error.message}</p>}
      {listed.status === "loading" && people.length === 0 ? (
        <p class="status">Finding the correspondents…</p>
      ) : (
        <>
          {chosen !== undefined && (
            <PersonDetails
              person={chosen}
              others={people.filter((p) => p.id !== chosen.id)}
              events={eventsOf(chosen, events)}
              onChanged={(text, failed) => {
                setMessage({ text, failed });
                if (!failed) {
                  setGeneration((g) => g + 1);
                }
              }}
            />
          )}
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

function PersonDetails({
  person,
  others,
  events,
  onChanged,
}: {
  person: Person;
  others: Person[];
  events: TimelineEvent[];
  onChanged: (text: string, failed: boolean) => void;
}) {
  const backend = useBackend();
  const [mergeWith, setMergeWith] = useState("");
  const run = async (call: () => Promise<string>): Promise<void> => {
    try {
      onChanged(await call(), false);
    } catch (reason) {
      onChanged(BackendError.from(reason).message, true);
    }
  };
  const merge = (): Promise<void> =>
    run(async () => {
      await backend.call("person", { merge: [person.id, mergeWith] });
      setMergeWith("");
      return `Merged ${others.find((p) => p.id === mergeWith)?.name ?? mergeWith} into ${person.name}.`;
    });
  const split = (address: string): Promise<void> =>
    run(async () => {
      await backend.call("person", { split: address });
      return `Split ${address} off ${person.name}.`;
    });
  return (
    <section class="panel person-details" aria-labelledby="person-heading">
      <h3 id="person-heading">{person.name}</h3>
      <dl class="meta-list">
        <dt>Addresses</dt>
        <dd>
          <ul class="address-list">
            {person.addresses.map((a) => (
              <li key={a}>
                {a}{" "}
                {person.addresses.length > 1 && (
                  <button type="button" class="link" onClick={() => void split(a)} aria-label={`Split ${a} off ${person.name}`}>
                    Split off
                  </button>
                )}
              </li>
            ))}
          </ul>
        </dd>
        {(person.role !== null || person.organisation !== null) && (
          <>
            <dt>Role</dt>
            <dd>{[person.role, person.organisation].filter((x) => x !== null).join(", ")}</dd>
          </>
        )}
        <dt>Also written</dt>
        <dd>{person.aliases.length > 0 ? person.aliases.join("; ") : "no other name"}</dd>
        <dt>Messages</dt>
        <dd>
          {person.documents} ({person.sent} sent, {person.received} received), {person.first ?? "?"} to {person.last ?? "?"} ·{" "}
          <a href={searchHref(messagesQuery(person))}>Open their messages</a>
        </dd>
      </dl>
      <form
        class="merge-form"
        onSubmit={(e) => {
          e.preventDefault();
          void merge();
        }}
      >
        <label for="merge-with">Same person as</label>{" "}
        <select id="merge-with" value={mergeWith} onChange={(e) => setMergeWith(e.currentTarget.value)}>
          <option value="">choose a person…</option>
          {others.slice(0, 1000).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.addresses[0] ?? "no address"})
            </option>
          ))}
        </select>{" "}
        <button type="submit" disabled={mergeWith === ""}>
          Merge
        </button>
      </form>
      <Correspondence person={person} />
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

/** Who the person wrote to and heard from, month by month, each line opening its messages. */
function Correspondence({ person }: { person: Person }) {
  const loaded = useCommand("correspondence", { person: person.id }, `correspondence ${person.id} ${person.addresses.join(" ")}`);
  const lines: CorrespondenceLine[] = loaded.status === "done" && Array.isArray(loaded.output) ? loaded.output : [];
  return (
    <>
      <h4>Correspondence by month</h4>
      {loaded.status === "failed" && <p role="alert">Cannot read the correspondence: {loaded.error.message}</p>}
      {loaded.status === "done" && lines.length === 0 && <p class="muted">No message between {person.name} and another person.</p>}
      {lines.length > 0 && (
        <table class="correspondence-table">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Messages</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={`${l.from} ${l.to} ${l.month}`}>
                <td>{l.month === "" ? "undated" : l.month}</td>
                <td>{l.from === person.id ? l.from_name : <a href={hrefTo("people", { person: l.from })}>{l.from_name}</a>}</td>
                <td>{l.to === person.id ? l.to_name : <a href={hrefTo("people", { person: l.to })}>{l.to_name}</a>}</td>
                <td>
                  {l.documents.length}:{" "}
                  {l.documents.slice(0, 10).map((doc, i) => (
                    <span key={doc}>
                      {i > 0 ? ", " : ""}
                      <a href={documentHref(doc)}>{doc}</a>
                    </span>
                  ))}
                  {l.documents.length > 10 ? " …" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
