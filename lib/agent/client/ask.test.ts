import { describe, expect, it } from "vitest";
import { askAboutSelection, askStore, selectionContext, selectionLines, takeAsk } from "./ask";

describe("selectionLines", () => {
  it("uses the cursor's line when nothing is selected", () => {
    expect(selectionLines({ startLine: 4, startColumn: 7, endLine: 4, endColumn: 7 })).toEqual({ startLine: 4, endLine: 4, wholeLine: true });
  });
  it("drops a last line the selection only touches at column 1", () => {
    expect(selectionLines({ startLine: 10, startColumn: 1, endLine: 12, endColumn: 1 })).toEqual({ startLine: 10, endLine: 11, wholeLine: false });
    expect(selectionLines({ startLine: 10, startColumn: 3, endLine: 12, endColumn: 5 })).toEqual({ startLine: 10, endLine: 12, wholeLine: false });
    expect(selectionLines({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 9 })).toEqual({ startLine: 2, endLine: 2, wholeLine: false });
  });
});

describe("askAboutSelection", () => {
  it("hands the composer one selection chip and counts the ask", () => {
    const before = askStore.getState().asks;
    askAboutSelection("src/a.js", 3, 5, "let a = 1;");
    expect(askStore.getState().asks).toBe(before + 1);
    const ask = takeAsk();
    expect(ask?.prompt).toBe("");
    expect(ask?.context).toEqual([{ label: "src/a.js:3-5", text: '<selection path="src/a.js" lines="3-5">\nlet a = 1;\n</selection>' }]);
    expect(takeAsk()).toBeNull();
    expect(askStore.getState().asks).toBe(before + 1);
  });
  it("labels one line without a range and says when a long selection was cut", () => {
    const part = selectionContext("a.js", 7, 7, "y".repeat(25_000));
    expect(part.label).toBe("a.js:7");
    expect(part.text).toContain("[truncated: the first 20,000 of 25,000 characters");
  });
});
