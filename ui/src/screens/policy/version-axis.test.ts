import { describe, expect, test } from "vitest";
import { dayNumber } from "../../lib/time/calendar";
import type { SeriesView } from "./commands";
import { versionLabel, versionStretches } from "./version-axis";

describe("versions on the time axis", () => {
  test("each version lasts from its first capture to the next version's, the last to its last sighting", () => {
    const series: SeriesView = {
      series: "FAQ",
      url: null,
      formatting_only: 0,
      changes: [],
      versions: [
        { doc: 16, captured: "2024-07-01", claimed_date: null, last_seen: "2024-07-01", observations: [], url: null },
        { doc: 18, captured: "2024-09-27T08:00:00Z", claimed_date: null, last_seen: "2024-10-15", observations: ["2024-10-15"], url: null },
      ],
    };
    expect(versionStretches(series)).toEqual([
      { doc: 16, index: 0, first: dayNumber(2024, 7, 1), end: dayNumber(2024, 9, 27) },
      { doc: 18, index: 1, first: dayNumber(2024, 9, 27), end: dayNumber(2024, 10, 16) },
    ]);
  });

  test("a version's label drops what does not fit its bar: the claimed date, then the word", () => {
    expect(versionLabel(2, "2024-08-14", 400)).toBe("Version 3 · claims 2024-08-14");
    expect(versionLabel(2, "2024-08-14", 100)).toBe("Version 3");
    expect(versionLabel(2, "2024-08-14", 20)).toBe("3");
    expect(versionLabel(0, null, 400)).toBe("Version 1");
  });
});
