// What the people screen shows of a person beyond the api's counts: the search that finds the
// messages they sent or received, and the chronology events that name them as an actor.

import type { Person, TimelineEvent } from "../../lib/backend";

/** The search for every message a person sent or received, over all their addresses. */
export function messagesQuery(person: Person): string {
  return person.addresses.map((a) => `from:"${a}" OR to:"${a}"`).join(" OR ");
}

/** The events whose actors name the person (their name, an alias or an address; case ignored). */
export function eventsOf(person: Person, events: readonly TimelineEvent[]): TimelineEvent[] {
  const names = new Set([person.name, ...person.aliases, ...person.addresses].map((n) => n.trim().toLowerCase()));
  return events.filter((e) => e.actors.some((a) => names.has(a.trim().toLowerCase())));
}

/** The people whose name, alias or address holds every word typed (case ignored). */
export function filterPeople(people: readonly Person[], text: string): Person[] {
  const words = text.toLowerCase().split(/\s+/).filter((w) => w !== "");
  return people.filter((p) => {
    const hay = [p.name, ...p.aliases, ...p.addresses].join(" ").toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
