// Which rows of a long list (the document table, search results) a bulk action acts on.
//
// Rows are known by their position in the list; a selection is either some positions with
// their document ids (click, shift-click for a range, ctrl/cmd-click to toggle), or "every
// row that matches", which is sent to the backend as the table's filter or the search's
// query rather than as thousands of ids the UI never loaded.

/** What is selected. */
export type RowSelection =
  | {
      kind: "some";
      /** Selected document ids by position in the list. */
      rows: ReadonlyMap<number, number>;
      /** Where the last plain or ctrl-click was: the start of a shift-click range. */
      anchor: number | null;
    }
  | { kind: "all"; total: number };

/** Nothing selected. */
export const NOTHING_SELECTED: RowSelection = { kind: "some", rows: new Map(), anchor: null };

/** How a click was made. */
export interface ClickKeys {
  shift: boolean;
  /** Ctrl on Linux and Windows, Cmd on macOS. */
  toggle: boolean;
}

/**
 * The selection after clicking the row at `index` (document `id`): a plain click selects that
 * row alone, ctrl/cmd toggles it, shift selects the range from the anchor to it. `idAt` gives the
 * ids of the range's rows (every row between two clicked rows was drawn, and so loaded, when
 * it was scrolled past; a row it cannot name is left out).
 */
export function clickRow(
  selection: RowSelection,
  index: number,
  id: number,
  keys: ClickKeys,
  idAt: (index: number) => number | undefined,
): RowSelection {
  const current = selection.kind === "some" ? selection : NOTHING_SELECTED;
  if (current.kind !== "some") {
    return current;
  }
  if (keys.shift && current.anchor !== null) {
    const rows = new Map(keys.toggle ? current.rows : []);
    const [from, to] = current.anchor <= index ? [current.anchor, index] : [index, current.anchor];
    for (let at = from; at <= to; at++) {
      const rowId = at === index ? id : idAt(at);
      if (rowId !== undefined) {
        rows.set(at, rowId);
      }
    }
    return { kind: "some", rows, anchor: current.anchor };
  }
  if (keys.toggle) {
    const rows = new Map(current.rows);
    if (rows.has(index)) {
      rows.delete(index);
    } else {
      rows.set(index, id);
    }
    return { kind: "some", rows, anchor: index };
  }
  return { kind: "some", rows: new Map([[index, id]]), anchor: index };
}

/** Whether the row at `index` is selected. */
export function isSelected(selection: RowSelection, index: number): boolean {
  return selection.kind === "all" ? index < selection.total : selection.rows.has(index);
}

/** How many rows are selected. */
export function selectedCount(selection: RowSelection): number {
  return selection.kind === "all" ? selection.total : selection.rows.size;
}

/** The selected ids, in list order (a "some" selection only). */
export function selectedIds(selection: RowSelection): number[] {
  if (selection.kind === "all") {
    return [];
  }
  return [...selection.rows.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
}
