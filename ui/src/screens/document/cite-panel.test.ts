import { describe, expect, test } from "vitest";
import type { TimelineEvent } from "../../lib/backend";
import { defaultEventChoice } from "./cite-panel";

const events = [{ id: 4 }, { id: 9 }, { id: 12 }] as unknown as TimelineEvent[];

describe("the event “Cite for event” offers first", () => {
  test("is the event whose citation the reviewer came from", () => {
    expect(defaultEventChoice(events, 9)).toBe("9");
  });

  test("is the chronology's first event when the reviewer came from none, or from one since deleted", () => {
    expect(defaultEventChoice(events, undefined)).toBe("4");
    expect(defaultEventChoice(events, 77)).toBe("4");
  });

  test("is a new event when the chronology is empty", () => {
    expect(defaultEventChoice([], 9)).toBe("new");
  });
});
