import { describe, expect, test } from "vitest";
import { hrefTo, matchRoute, parseHash, type RouteDefinition } from "./router";
import { documentHref, placeFromQuery } from "./links";

const screen = () => null;
const routes: RouteDefinition[] = [
  { pattern: "", label: "Case", component: screen, nav: true },
  { pattern: "search", label: "Search", component: screen, nav: true },
  { pattern: "doc/:id", label: "Document", component: screen },
];

describe("the hash router", () => {
  test("parses segments and the query of the hash", () => {
    const location = parseHash("#/doc/5?page=2&quote=opted%20in");
    expect(location.segments).toEqual(["doc", "5"]);
    expect(location.query.get("page")).toBe("2");
    expect(location.query.get("quote")).toBe("opted in");
    expect(parseHash("").segments).toEqual([]);
    expect(parseHash("#/").segments).toEqual([]);
  });

  test("matches a route with its params, and nothing for unknown paths", () => {
    expect(matchRoute(routes, [])?.route.label).toBe("Case");
    expect(matchRoute(routes, ["doc", "12"])).toMatchObject({ route: { label: "Document" }, params: { id: "12" } });
    expect(matchRoute(routes, ["doc"])).toBeUndefined();
    expect(matchRoute(routes, ["timeline"])).toBeUndefined();
  });

  test("links leave out empty values", () => {
    expect(hrefTo("search", { q: "ai", kind: undefined, tag: "" })).toBe("#/search?q=ai");
    expect(hrefTo("")).toBe("#/");
  });

  test("a link to a document's page and quote comes back as the same place", () => {
    const href = documentHref(5, { page: 8, quote: "the Stored Communications Act", terms: ["stored", "act"], query: "sca" });
    const place = placeFromQuery(parseHash(href).query);
    expect(parseHash(href).segments).toEqual(["doc", "5"]);
    expect(place).toEqual({ page: 8, quote: "the Stored Communications Act", terms: ["stored", "act"], query: "sca" });
  });
});
