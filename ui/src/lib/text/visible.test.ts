import { describe, expect, test } from "vitest";
import { visible } from "./visible";

describe("showing names from documents as what they are", () => {
  test("escape, bell, line breaks and a right-to-left override are shown as escapes", () => {
    expect(visible("=cmd|' /C calc'!A0\r\n\u001b[2J\u0007\u202egpj.exe")).toBe(
      "=cmd|' /C calc'!A0\\r\\n\\e[2J\\x07\\u{202e}gpj.exe",
    );
    expect(visible("report\u2066x\u2069\u009b\u007f")).toBe("report\\u{2066}x\\u{2069}\\u{9b}\\x7f");
  });

  test("ordinary text, accents and other scripts are left as they are", () => {
    const plain = "Réunion du 3 mars — 東京 — مرحبا — call-notes.txt";
    expect(visible(plain)).toBe(plain);
  });
});
