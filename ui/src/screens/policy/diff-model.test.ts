import { describe, expect, test } from "vitest";
import type { DiffHunk } from "./commands";
import { diffCounts, sideBySide } from "./diff-model";

// The silent FAQ change of the sample case, as `policy_diff` returns it (shortened).
const hunk: DiffHunk = {
  old_start: 48,
  new_start: 48,
  text: "",
  segments: [
    { op: "equal", text: "setting?" },
    { op: "removed", text: "In August 2024 we added" },
    { op: "added", text: "Linkwise offers" },
    { op: "equal", text: "a setting called AI." },
    { op: "removed", text: "The setting is on by default." },
    { op: "equal", text: "You" },
    { op: "added", text: "choose whether to take part, and you" },
    { op: "equal", text: "can" },
  ],
};

describe("the side-by-side diff", () => {
  test("each removal sits beside what replaced it, with the shared words as context rows", () => {
    expect(sideBySide(hunk)).toEqual([
      { kind: "equal", old: "setting?", new: "setting?" },
      { kind: "change", old: "In August 2024 we added", new: "Linkwise offers" },
      { kind: "equal", old: "a setting called AI.", new: "a setting called AI." },
      { kind: "change", old: "The setting is on by default.", new: "" },
      { kind: "equal", old: "You", new: "You" },
      { kind: "change", old: "", new: "choose whether to take part, and you" },
      { kind: "equal", old: "can", new: "can" },
    ]);
  });

  test("a removal after an addition starts a new row, so rows read left to right", () => {
    const rows = sideBySide({
      ...hunk,
      segments: [
        { op: "added", text: "new" },
        { op: "removed", text: "old" },
      ],
    });
    expect(rows).toEqual([
      { kind: "change", old: "", new: "new" },
      { kind: "change", old: "old", new: "" },
    ]);
  });

  test("the summary counts removed and added words", () => {
    expect(diffCounts([hunk])).toEqual({ removedWords: 11, addedWords: 9, hunks: 1 });
    expect(diffCounts([])).toEqual({ removedWords: 0, addedWords: 0, hunks: 0 });
  });
});
