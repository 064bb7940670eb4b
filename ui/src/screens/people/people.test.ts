import { describe, expect, test } from "vitest";
import type { Person, TimelineEvent } from "../../lib/backend";
import { eventsOf, filterPeople, messagesQuery } from "./people";

const lay: Person = {
  role: null,
  organisation: null,
  id: "kenneth.lay@enron.com",
  name: "Kenneth Lay",
  addresses: ["kenneth.lay@enron.com", "kenneth_lay@enron.com"],
  aliases: ["Kenneth Lay", "Ken Lay"],
  documents: 3,
  sent: 2,
  received: 1,
  first: "2001-05-01",
  last: "2001-05-03",
};
const skilling: Person = { ...lay, id: "jeff.skilling@enron.com", name: "Jeff Skilling", addresses: ["jeff.skilling@enron.com"], aliases: [] };

const event = (id: number, actors: string[]): TimelineEvent =>
  ({ id, actors, title: `event ${id}`, citations: [], issues: [], tags: [] }) as unknown as TimelineEvent;

describe("a person on the people screen", () => {
  test("their messages are found by every address, sent or received", () => {
    expect(messagesQuery(lay)).toBe('from:"kenneth.lay@enron.com" OR to:"kenneth.lay@enron.com" OR from:"kenneth_lay@enron.com" OR to:"kenneth_lay@enron.com"');
  });

  test("their events are those whose actors name them by name, alias or address", () => {
    const events = [event(1, ["ken lay"]), event(2, ["Jeff Skilling"]), event(3, ["kenneth_lay@enron.com", "Board"]), event(4, [])];
    expect(eventsOf(lay, events).map((e) => e.id)).toEqual([1, 3]);
  });

  test("the list filters on every word typed", () => {
    expect(filterPeople([lay, skilling], "lay KEN").map((p) => p.id)).toEqual(["kenneth.lay@enron.com"]);
    expect(filterPeople([lay, skilling], "")).toHaveLength(2);
  });
});
