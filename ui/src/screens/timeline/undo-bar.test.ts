import { describe, expect, test } from "vitest";
import type { UndoStep } from "../../lib/backend";
import { undoMessage } from "./undo-bar";

const step = (action: string, target: string): UndoStep => ({ action, target, detail: "" });

describe("the undo bar's message", () => {
  test("an undo names the edit it took back", () => {
    const undone = { kind: "undo" as const, edit: 8, reverted: 7, reverted_changes: [step("citation.withdraw", "citation:12")], changes: [step("citation.reinstate", "citation:12")] };
    expect(undoMessage(undone)).toBe("Undone: citation.withdraw citation:12.");
  });

  test("a redo names what it put back, not the undo's inverse steps", () => {
    const redone = { kind: "redo" as const, edit: 9, reverted: 8, reverted_changes: [step("citation.reinstate", "citation:12")], changes: [step("citation.withdraw", "citation:12")] };
    expect(undoMessage(redone)).toBe("Redone: citation.withdraw citation:12.");
  });
});
