import { describe, expect, test } from "vitest";
import { parseHash } from "../../app/router";
import { anyFilter, filterChoices, filterRequest, filtersFromQuery, listField, NO_FILTERS, timelineHref } from "./filters";
import { SAMPLE_EVENTS } from "./sample-events";

describe("timeline filters", () => {
  test("the case is asked only for the filters set, with the values as the user chose them", () => {
    expect(filterRequest(NO_FILTERS)).toEqual({});
    expect(filterRequest({ ...NO_FILTERS, issue: "Stored Communications Act", tag: "AI training" })).toEqual({ issue: "Stored Communications Act", tag: "AI training" });
    expect(filterRequest({ ...NO_FILTERS, status: "alleged" })).toEqual({ status: "alleged" });
    expect(filterRequest({ ...NO_FILTERS, text: "opted in", from: "2024-08", to: "Q3 2024" })).toEqual({ text: "opted in", from: "2024-08", to: "Q3 2024" });
  });

  test("any one filter set counts as filtering", () => {
    expect(anyFilter(NO_FILTERS)).toBe(false);
    expect(anyFilter({ ...NO_FILTERS, tag: "hot" })).toBe(true);
    expect(anyFilter({ ...NO_FILTERS, status: "disputed" })).toBe(true);
    expect(anyFilter({ ...NO_FILTERS, text: "consent" })).toBe(true);
    expect(anyFilter({ ...NO_FILTERS, to: "2024" })).toBe(true);
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
    const href = timelineHref({ ...NO_FILTERS, issue: "Unfair competition law", tag: "silent change" }, 7);
    expect(href).toBe("#/timeline?issue=Unfair+competition+law&tag=silent+change&event=7");
    expect(filtersFromQuery(parseHash(href).query)).toEqual({
      filters: { ...NO_FILTERS, issue: "Unfair competition law", tag: "silent change" },
      selected: 7,
    });
    const ranged = timelineHref({ ...NO_FILTERS, text: "opted in", from: "2024-08", to: "Q3 2024" });
    expect(filtersFromQuery(parseHash(ranged).query).filters).toEqual({ ...NO_FILTERS, text: "opted in", from: "2024-08", to: "Q3 2024" });
  });

  test("comma-separated fields become trimmed lists without empty items", () => {
    expect(listField(" SCA, UCL ,, breach of contract ")).toEqual(["SCA", "UCL", "breach of contract"]);
    expect(listField("")).toEqual([]);
  });
});
