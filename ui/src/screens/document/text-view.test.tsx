import { describe, expect, test } from "vitest";
import { pageNoun } from "./text-view";

describe("page labels", () => {
  test("a spreadsheet's pages are sheets, a presentation's slides, anything else's pages", () => {
    expect(pageNoun("spreadsheet")).toBe("Sheet");
    expect(pageNoun("presentation")).toBe("Slide");
    expect(pageNoun("document")).toBe("Page");
    expect(pageNoun("filing")).toBe("Page");
  });
});
