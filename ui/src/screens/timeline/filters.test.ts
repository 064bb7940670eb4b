import { describe, expect, test } from "vitest";
import { parseHash } from "../../app/router";
import { applyFilters, filterChoices, filtersFromQuery, listField, NO_FILTERS, timelineHref } from "./filters";
import { SAMPLE_EVENTS } from "./sample-events";

const ids = (filters: Partial<typeof NO_FILTERS>): number[] => applyFilters(SAMPLE_EVENTS, { ...NO_FILTERS, ...filters }).map((e) => e.id);

describe("timeline filters", () => {
  test("no filter shows every event, in the chronology's order", () => {
    expect(ids({})).toEqual([3, 2, 7, 9, 10]);
  });

  test("issue, status and tag each narrow the events, and together they all apply", () => {
    expect(ids({ issue: "Stored Communications Act" })).toEqual([2, 9]);
    expect(ids({ status: "alleged" })).toEqual([2, 7]);
    expect(ids({ tag: "AI training" })).toEqual([3, 2]);
    expect(ids({ issue: "Unfair competition law", status: "alleged", tag: "silent change" })).toEqual([7]);
    expect(ids({ status: "established" })).toEqual([]);
  });

  test("issues and tags match whatever their case", () => {
    expect(ids({ issue: "stored communications act" })).toEqual([2, 9]);
    expect(ids({ tag: "ai TRAINING" })).toEqual([3, 2]);
  });

  test("the choices are the values the events carry, with how many carry each", () => {
    const choices = filterChoices(SAMPLE_EVENTS);
    expect(choices.issues).toEqual([
      ["Stored Communications Act", 2],
      ["Unfair competition law", 3],
    ]);
    expect(choices.statuses).toEqual([
      ["admitted", 1],
      ["alleged", 2],
      ["disputed", 1],
      ["prospective", 1],
    ]);
    expect(choices.tags.find(([t]) => t === "AI training")).toEqual(["AI training", 2]);
  });

  test("filters and the selected event survive a trip through the hash", () => {
    const href = timelineHref({ issue: "Unfair competition law", status: "", tag: "silent change" }, 7);
    expect(href).toBe("#/timeline?issue=Unfair+competition+law&tag=silent+change&event=7");
    expect(filtersFromQuery(parseHash(href).query)).toEqual({
      filters: { issue: "Unfair competition law", status: "", tag: "silent change" },
      selected: 7,
    });
  });

  test("comma-separated fields become trimmed lists without empty items", () => {
    expect(listField(" SCA, UCL ,, breach of contract ")).toEqual(["SCA", "UCL", "breach of contract"]);
    expect(listField("")).toEqual([]);
  });
});
