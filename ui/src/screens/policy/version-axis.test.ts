import { describe, expect, test } from "vitest";
import { dayNumber } from "../../lib/time/calendar";
import type { SeriesView } from "./commands";
import { axisLayout, placeLabels, placeWindowLabels, versionLabel, versionStretches, type PlacedLabel } from "./version-axis";

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

/** A series captured on these days, each capture a new version, every change silent in turn. */
function seriesOn(days: string[]): SeriesView {
  return {
    series: "Privacy Policy",
    url: null,
    formatting_only: 0,
    versions: days.map((captured, i) => ({ doc: i + 1, captured, claimed_date: i % 3 === 0 ? captured : null, last_seen: captured, observations: [], url: null })),
    changes: days.slice(1).map((first_new, i) => ({
      last_old: days[i]!,
      first_new,
      old_doc: i + 1,
      new_doc: i + 2,
      added: ["a"],
      removed: ["b"],
      claimed_before: null,
      claimed_after: null,
      silent: i % 2 === 0,
      empty_bump: false,
      wording_changed: true,
    })),
  };
}

/** The capture days of the corpus's LinkedIn privacy policy (18) and Zoom privacy policy (30). */
const LINKEDIN = "2022-07-11 2022-09-20 2022-11-04 2023-01-04 2023-01-18 2024-03-08 2024-05-09 2024-07-25 2024-08-01 2024-09-19 2025-04-02 2025-04-22 2025-06-10 2025-08-01 2025-09-18 2025-10-03 2025-11-04 2026-08-22".split(" ");
const ZOOM =
  "2021-08-16 2021-10-07 2021-11-03 2021-11-23 2022-01-13 2022-04-05 2022-08-31 2022-09-16 2022-09-20 2022-11-07 2022-11-08 2022-11-10 2022-11-19 2022-12-30 2022-12-31 2023-01-19 2023-01-20 2023-02-24 2023-04-10 2023-06-30 2023-08-11 2023-09-05 2023-09-08 2023-12-02 2023-12-15 2023-12-20 2024-03-01 2024-03-17 2024-07-19 2024-08-05".split(
    " ",
  );

function overlapping(labels: PlacedLabel[]): [PlacedLabel, PlacedLabel][] {
  const pairs: [PlacedLabel, PlacedLabel][] = [];
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      if (a.row === b.row && a.x < b.x + b.width && b.x < a.x + a.width) {
        pairs.push([a, b]);
      }
    }),
  );
  return pairs;
}

describe("the axis stays readable however many versions there are", () => {
  test.each([
    ["LinkedIn's 18 versions", LINKEDIN],
    ["Zoom's 30 versions", ZOOM],
  ])("%s: no two labels overlap, and most versions keep a label", (_, days) => {
    expect(days.length).toBeGreaterThanOrEqual(18);
    const layout = axisLayout(seriesOn(days))!;
    expect(overlapping(layout.versionLabels)).toEqual([]);
    expect(overlapping(layout.windowLabels)).toEqual([]);
    const labelled = layout.versionLabels.map((l) => l.index);
    expect(labelled).toContain(0);
    expect(labelled.length).toBeGreaterThanOrEqual(days.length / 2);
    expect(new Set(labelled).size).toBe(labelled.length);
    // Every label stays within the axis.
    for (const l of [...layout.versionLabels, ...layout.windowLabels]) {
      expect(l.x).toBeGreaterThanOrEqual(0);
      expect(l.x + l.width).toBeLessThanOrEqual(1000);
    }
  });

  test("a label that does not fit its bar moves above the bars, and only when the row has room", () => {
    const placed = placeLabels([
      { x0: 100, x1: 400, options: ["Version 1", "1"] },
      { x0: 400, x1: 410, options: ["Version 2", "2"] },
      { x0: 410, x1: 414, options: ["Version 3", "3"] },
      { x0: 414, x1: 700, options: ["Version 4", "4"] },
    ]);
    expect(placed.map((l) => [l.index, l.text, l.row])).toEqual([
      [0, "Version 1", 0],
      [1, "2", 1],
      [3, "Version 4", 0],
    ]);
  });

  test("a change window's label shortens to its number when the next window is close", () => {
    const placed = placeWindowLabels([
      { x0: 100, silent: true, n: 1 },
      { x0: 120, silent: false, n: 2 },
      { x0: 500, silent: false, n: 3 },
    ]);
    expect(placed.map((l) => l.text)).toEqual(["⚑1", "change 2", "change 3"]);
    expect(overlapping(placed)).toEqual([]);
  });
});
