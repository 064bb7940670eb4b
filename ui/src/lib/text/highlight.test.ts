import { describe, expect, test } from "vitest";
import { findQuote, findTerms, highlightsIn, splitRuns } from "./highlight";

describe("finding a cited quote", () => {
  const page = "27. Linkwise's conduct was unlawful, because it violated the Stored\nCommunications Act, and unfair.";

  test("across a line break and different spacing, as a citation is checked", () => {
    const [found] = findQuote(page, "violated the  Stored Communications   Act");
    expect(found).toBeDefined();
    expect(page.slice(found?.start, found?.end)).toBe("violated the Stored\nCommunications Act");
  });

  test("with typographic quotes and any case", () => {
    const text = "The FAQ said \u201cThe setting is on by default.\u201d";
    const [found] = findQuote(text, '"the setting is ON by default."');
    expect(text.slice(found?.start, found?.end)).toBe("\u201cThe setting is on by default.\u201d");
  });

  test("every occurrence, and none for words that are not there", () => {
    expect(findQuote("a b a b", "a b")).toHaveLength(2);
    expect(findQuote(page, "Wiretap Act")).toEqual([]);
    expect(findQuote(page, "   ")).toEqual([]);
  });
});

describe("finding search terms", () => {
  test("whole words only, in any case", () => {
    const text = "Act now: the act, an actor, exact acts.";
    expect(findTerms(text, ["act"]).map((r) => text.slice(r.start, r.end))).toEqual(["Act", "act"]);
  });
});

describe("highlights", () => {
  test("a term inside the quote is not highlighted twice; runs never overlap", () => {
    const text = "members were opted in to AI training by default";
    const highlights = highlightsIn(text, "opted in to AI training", ["training", "default"]);
    expect(highlights.map((h) => [text.slice(h.start, h.end), h.kind])).toEqual([
      ["opted in to AI training", "quote"],
      ["default", "term"],
    ]);
    expect(splitRuns(text, highlights).map((r) => r.text).join("")).toBe(text);
  });

  test("search terms next to each other are one highlight, as the phrase searched for", () => {
    const text = "it violated the Stored\nCommunications Act, and the Act itself";
    const highlights = highlightsIn(text, undefined, ["stored", "communications", "act"]);
    expect(highlights.map((h) => text.slice(h.start, h.end))).toEqual(["Stored\nCommunications Act", "Act"]);
  });
});
