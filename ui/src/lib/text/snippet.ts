// Search snippets arrive HTML-escaped with matches in <mark> (crates/search). They are turned
// into plain text parts here, never parsed as HTML, so a document's text cannot inject markup.

/** A run of snippet text, marked when it is a match. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the character references an HTML-escaped snippet may hold (`&amp;`, `&#x27;`, `&#39;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith("#")) {
      return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    }
    return ENTITIES[name] ?? whole;
  });
}

/** Splits a snippet into its plain and marked runs, decoded. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const piece of snippet.split(/(<mark>|<\/mark>)/)) {
    if (piece === "<mark>") {
      marked = true;
    } else if (piece === "</mark>") {
      marked = false;
    } else if (piece !== "") {
      parts.push({ text: decodeEntities(piece), marked });
    }
  }
  return parts;
}

/** The distinct words a snippet marks, lowercased: what the viewer highlights for a search hit. */
export function markedTerms(snippet: string): string[] {
  const terms = snippetParts(snippet)
    .filter((p) => p.marked)
    .map((p) => p.text.trim().toLowerCase())
    .filter((t) => t !== "");
  return [...new Set(terms)];
}
