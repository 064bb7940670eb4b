import { describe, expect, test } from "vitest";
import { parseHash } from "../../app/router";
import { filtersFromQuery, hrefForFilters, requestFor, toggleFacet } from "./search-state";

describe("search state in the hash", () => {
  test("filters survive the round trip through a link", () => {
    const filters = { q: '"opted in" AI', kind: "filing", year: "2024", custodian: "Dana Okafor" };
    expect(filtersFromQuery(parseHash(hrefForFilters(filters)).query)).toEqual(filters);
  });

  test("choosing a facet value sets it, choosing it again clears it", () => {
    const chosen = toggleFacet({ q: "ai" }, "kind", "email");
    expect(chosen).toEqual({ q: "ai", kind: "email" });
    expect(toggleFacet(chosen, "kind", "email")).toEqual({ q: "ai" });
    expect(toggleFacet(chosen, "kind", "filing")).toEqual({ q: "ai", kind: "filing" });
  });
});

describe("the search request", () => {
  test("nothing is searched for an empty query", () => {
    expect(requestFor({ q: "   ", kind: "email" })).toBeUndefined();
  });

  test("a year becomes a date range, kind and tag pass through", () => {
    expect(requestFor({ q: "training", kind: "policy", tag: "hot", year: "2024" }, 20)).toEqual({
      query: "training",
      limit: 20,
      kind: "policy",
      tag: "hot",
      since: "2024",
      until: "2024",
    });
  });

  test("a custodian is a filter of its own, the name exactly as chosen and the query untouched", () => {
    expect(requestFor({ q: "a OR b", custodian: 'Dana "D" Okafor' })).toEqual({
      query: "a OR b",
      limit: 50,
      custodian: 'Dana "D" Okafor',
    });
  });

  test("a custodian facet toggles like the others", () => {
    const chosen = toggleFacet({ q: "ai", kind: "email" }, "custodian", "Sample matter");
    expect(chosen).toEqual({ q: "ai", kind: "email", custodian: "Sample matter" });
    expect(toggleFacet(chosen, "custodian", "Sample matter")).toEqual({ q: "ai", kind: "email" });
  });
});
