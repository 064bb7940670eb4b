import { describe, expect, test } from "vitest";
import { readerDocument } from "./article-reader";
import { highlightTextLayer } from "./pdf-viewer";
import { viewFor } from "./document-screen";
import type { DocumentView } from "../../lib/backend";

describe("the PDF text layer", () => {
  test("the quote and the terms are marked inside the spans that hold them, across spans", () => {
    const items = ["27. Linkwise's conduct violated the Stored", "", "Communications Act, and unfair."];
    const divs = items.map((text) => {
      const span = document.createElement("span");
      span.textContent = text;
      return span;
    });
    const quotes = highlightTextLayer(divs, items, "violated the Stored Communications Act", ["unfair"]);
    expect(quotes).toBe(1);
    expect([...(divs[0]?.querySelectorAll("mark.quote") ?? [])].map((m) => m.textContent)).toEqual(["violated the Stored"]);
    expect([...(divs[2]?.querySelectorAll("mark.quote") ?? [])].map((m) => m.textContent)).toEqual(["Communications Act"]);
    expect(divs[2]?.querySelector("mark.term")?.textContent).toBe("unfair");
    // The spans' text is unchanged: the text layer still lines up with the canvas.
    expect(divs.map((d) => d.textContent)).toEqual(items);
  });
});

describe("the article reader", () => {
  test("the frame's document forbids scripts and remote content and loads only the reader stylesheet", () => {
    const html = readerDocument("<p>Hello</p>", "http://127.0.0.1:4000", "en");
    // Read as text: parsing it here would fetch the stylesheet.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("script-src");
    expect(html).toContain('<link rel="stylesheet" href="http://127.0.0.1:4000/reader.css">');
    expect(html).toMatch(/<body><p>Hello<\/p><\/body>/);
  });
});

describe("choosing the view", () => {
  const base: DocumentView = {
    id: 1, kind: "text", title: null, date: null, claimed_date: null, captured_at: null, ingested_at: "",
    authors: [], source_url: null, sha256: "", size: 0, media_type: null, status: "ok", status_detail: null,
    extractor: null, sources: [], meta: {}, text: "", pages: [], parent: null, children: [], tags: [],
    review: "unreviewed", reviewed_by: null, reviewed_at: null, timestamps: [],
  };
  test("PDFs in pdf.js, articles in the reader, emails with headers, the rest as text", () => {
    expect(viewFor({ ...base, media_type: "application/pdf" })).toBe("pdf");
    expect(viewFor({ ...base, media_type: "application/pdf", status: "failed" })).toBe("text");
    const scan = { ...base, media_type: "application/pdf", status: "failed" as const };
    expect(viewFor({ ...scan, pages: [{ n: 1, text: "" }] })).toBe("pdf");
    expect(viewFor({ ...base, kind: "article", meta: { "rendition.html": "<p>x</p>" } })).toBe("article");
    expect(viewFor({ ...base, kind: "email" })).toBe("email");
    expect(viewFor(base)).toBe("text");
    expect(viewFor({ ...base, kind: "image", media_type: "image/png" })).toBe("scan");
    expect(viewFor({ ...base, kind: "image", media_type: "image/tiff", status: "failed" })).toBe("scan");
  });
});
