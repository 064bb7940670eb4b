import { describe, expect, test } from "vitest";
import { decodeEntities, markedTerms, snippetParts } from "./snippet";

describe("search snippets", () => {
  test("matches in <mark> become marked runs, the rest plain runs", () => {
    expect(snippetParts("violated the <mark>Stored</mark> <mark>Communications</mark> Act")).toEqual([
      { text: "violated the ", marked: false },
      { text: "Stored", marked: true },
      { text: " ", marked: false },
      { text: "Communications", marked: true },
      { text: " Act", marked: false },
    ]);
  });

  test("escaped markup in a document's text stays text and is never parsed", () => {
    const parts = snippetParts("&lt;script&gt;alert(1)&lt;/script&gt; and <mark>Linkwise&#x27;s</mark> &amp; co");
    expect(parts.map((p) => p.text).join("")).toBe("<script>alert(1)</script> and Linkwise's & co");
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(["Linkwise's"]);
  });

  test("character references decode, unknown ones are left alone", () => {
    expect(decodeEntities("&quot;a&quot; &#39;b&#39; &#x2014; &nbsp;")).toBe("\"a\" 'b' \u2014 &nbsp;");
  });

  test("the marked terms are what the viewer highlights, lowercased and once each", () => {
    expect(markedTerms("<mark>Train</mark> to <mark>train</mark> and <mark>training</mark>")).toEqual(["train", "training"]);
  });
});
