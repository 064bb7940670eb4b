// Finding what to highlight in a document's text: a cited quote (tolerant of line breaks and
// spacing, as citations are: crates/timeline `quote`) and search terms (case-insensitive).
// Ranges are character offsets into the text as given, so the same code serves a plain text
// view and the text layer of a PDF page (whose spans are joined without separators).

/** A highlighted span of text: [start, end) in UTF-16 offsets, and why it is highlighted. */
export interface Highlight {
  start: number;
  end: number;
  kind: "quote" | "term";
}

/** The text without whitespace, with where each kept character was in the original. */
function squeeze(text: string): { squeezed: string; positions: number[] } {
  let squeezed = "";
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (!/\s/.test(c)) {
      squeezed += c;
      positions.push(i);
    }
  }
  return { squeezed, positions };
}

/** Typographic quotes and dashes compared as their plain forms. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b]/g, "'")
    .replace(/[\u201c\u201d\u201f]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-");
}

/**
 * Where `quote` occurs in `text`, ignoring differences in whitespace, case and typographic
 * quotes; every occurrence, in order. An empty quote occurs nowhere.
 */
export function findQuote(text: string, quote: string): { start: number; end: number }[] {
  const needle = fold(squeeze(quote).squeezed);
  if (needle === "") {
    return [];
  }
  const { squeezed, positions } = squeeze(text);
  const haystack = fold(squeezed);
  const found: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) {
      return found;
    }
    const start = positions[at] ?? 0;
    const end = (positions[at + needle.length - 1] ?? start) + 1;
    found.push({ start, end });
    from = at + needle.length;
  }
}

/** Every whole-word occurrence of each term (case-insensitive). */
export function findTerms(text: string, terms: readonly string[]): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const lower = fold(text);
  for (const term of terms) {
    const needle = fold(term.trim());
    if (needle === "") {
      continue;
    }
    let from = 0;
    for (;;) {
      const at = lower.indexOf(needle, from);
      if (at < 0) {
        break;
      }
      const before = at === 0 ? "" : lower[at - 1] ?? "";
      const after = lower[at + needle.length] ?? "";
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
        found.push({ start: at, end: at + needle.length });
      }
      from = at + needle.length;
    }
  }
  return found;
}

/**
 * The highlights of a text: the quote's occurrences and the terms', sorted, with terms that
 * overlap a quote left out (the quote is what the reader came for).
 */
export function highlightsIn(text: string, quote: string | undefined, terms: readonly string[]): Highlight[] {
  const quotes: Highlight[] = quote === undefined ? [] : findQuote(text, quote).map((r) => ({ ...r, kind: "quote" }));
  const overlapsQuote = (r: { start: number; end: number }): boolean => quotes.some((q) => r.start < q.end && q.start < r.end);
  const termHits: Highlight[] = findTerms(text, terms)
    .filter((r) => !overlapsQuote(r))
    .map((r) => ({ ...r, kind: "term" }));
  const all = [...quotes, ...termHits].sort((a, b) => a.start - b.start || b.end - a.end);
  // Drop terms overlapping an earlier highlight, so the runs below never overlap; join terms that
  // follow each other with only whitespace between (a phrase searched for, "Stored Communications
  // Act", is one highlight, not three words with gaps).
  const runs: Highlight[] = [];
  for (const h of all) {
    const last = runs[runs.length - 1];
    if (last !== undefined && h.start < last.end) {
      continue;
    }
    if (last !== undefined && last.kind === "term" && h.kind === "term" && /^\s+$/.test(text.slice(last.end, h.start))) {
      last.end = h.end;
      continue;
    }
    runs.push(h);
  }
  return runs;
}

/** A run of text for display: plain, or highlighted as a quote or a term. */
export interface TextRun {
  text: string;
  highlight: Highlight["kind"] | undefined;
}

/** Splits a text into plain and highlighted runs (highlights must not overlap; highlightsIn ensures it). */
export function splitRuns(text: string, highlights: readonly Highlight[]): TextRun[] {
  const runs: TextRun[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start > at) {
      runs.push({ text: text.slice(at, h.start), highlight: undefined });
    }
    runs.push({ text: text.slice(h.start, h.end), highlight: h.kind });
    at = h.end;
  }
  if (at < text.length) {
    runs.push({ text: text.slice(at), highlight: undefined });
  }
  return runs;
}
