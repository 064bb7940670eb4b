// What the reader selected in a document, and on which page: the raw material of a citation
// or a note. Pages are marked in the DOM with `data-page`.

/** Selected words and the page they are on (undefined for documents without pages). */
export interface TextSelection {
  quote: string;
  page: number | undefined;
}

/** The selection, if it lies inside `container`; whitespace runs become single spaces. */
export function selectionIn(container: HTMLElement, selection: Selection | null): TextSelection | undefined {
  if (selection === null || selection.isCollapsed || selection.rangeCount === 0) {
    return undefined;
  }
  const anchor = selection.anchorNode;
  if (anchor === null || !container.contains(anchor)) {
    return undefined;
  }
  const quote = selection.toString().replace(/\s+/g, " ").trim();
  if (quote === "") {
    return undefined;
  }
  const element = anchor instanceof Element ? anchor : anchor.parentElement;
  const pageAttribute = element?.closest("[data-page]")?.getAttribute("data-page");
  const page = pageAttribute === null || pageAttribute === undefined ? undefined : Number.parseInt(pageAttribute, 10);
  return { quote, page: page !== undefined && Number.isFinite(page) ? page : undefined };
}
