import { describe, expect, test } from "vitest";
import { NOTHING_SELECTED, clickRow, isSelected, selectedCount, selectedIds, type RowSelection } from "./row-selection";

// Row i holds document 100 + i.
const idAt = (i: number): number => 100 + i;
const click = (s: RowSelection, i: number, keys: { shift?: boolean; toggle?: boolean } = {}): RowSelection =>
  clickRow(s, i, idAt(i), { shift: keys.shift ?? false, toggle: keys.toggle ?? false }, idAt);

describe("selecting rows", () => {
  test("a click selects that row alone", () => {
    const s = click(click(NOTHING_SELECTED, 3), 5);
    expect(selectedIds(s)).toEqual([105]);
  });

  test("shift-click selects the range from the last click, in either direction", () => {
    expect(selectedIds(click(click(NOTHING_SELECTED, 2), 5, { shift: true }))).toEqual([102, 103, 104, 105]);
    expect(selectedIds(click(click(NOTHING_SELECTED, 5), 2, { shift: true }))).toEqual([102, 103, 104, 105]);
  });

  test("a second shift-click moves the range's far end, keeping its start", () => {
    const s = click(click(click(NOTHING_SELECTED, 2), 6, { shift: true }), 4, { shift: true });
    expect(selectedIds(s)).toEqual([102, 103, 104]);
  });

  test("ctrl/cmd-click adds or removes one row and keeps the others", () => {
    let s = click(NOTHING_SELECTED, 1);
    s = click(s, 4, { toggle: true });
    s = click(s, 7, { toggle: true });
    expect(selectedIds(s)).toEqual([101, 104, 107]);
    s = click(s, 4, { toggle: true });
    expect(selectedIds(s)).toEqual([101, 107]);
    expect(isSelected(s, 4)).toBe(false);
  });

  test("ctrl+shift-click adds a range to what is selected", () => {
    let s = click(NOTHING_SELECTED, 0);
    s = click(s, 10, { toggle: true });
    s = click(s, 12, { shift: true, toggle: true });
    expect(selectedIds(s)).toEqual([100, 110, 111, 112]);
  });

  test("rows of a range whose ids are not known are left out rather than guessed", () => {
    const s = clickRow(click(NOTHING_SELECTED, 0), 3, 103, { shift: true, toggle: false }, (i) => (i === 1 ? undefined : idAt(i)));
    expect(selectedIds(s)).toEqual([100, 102, 103]);
  });

  test("'all that match' counts every matching row, loaded or not, and names no ids", () => {
    const all: RowSelection = { kind: "all", total: 302_107 };
    expect(selectedCount(all)).toBe(302_107);
    expect(isSelected(all, 302_106)).toBe(true);
    expect(isSelected(all, 302_107)).toBe(false);
    expect(selectedIds(all)).toEqual([]);
    expect(selectedIds(click(all, 2))).toEqual([102]);
  });
});
