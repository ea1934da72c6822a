import { describe, expect, it } from "vitest";
import { capHeadTail, countLines, globToRegExp, lineDiff } from "./text";

describe("text kernels", () => {
  it("caps output keeping head and tail, stating the cut", () => {
    const text = "A".repeat(50) + "B".repeat(50);
    const capped = capHeadTail(text, 20);
    expect(capped.truncated).toBe(true);
    expect(capped.text.startsWith("AAAAAAAA")).toBe(true);
    expect(capped.text.endsWith("BBBBBBBBBBBB")).toBe(true);
    expect(capped.text).toMatch(/80 characters cut: output is capped at 20 characters/);
    expect(capHeadTail("short", 20)).toEqual({ text: "short", truncated: false });
  });

  it("matches globs", () => {
    expect(globToRegExp("*.ts").test("src/a.ts")).toBe(true);
    expect(globToRegExp("*.ts").test("src/a.tsx")).toBe(false);
    expect(globToRegExp("src/**/*.{js,json}").test("src/a/b/c.json")).toBe(true);
    expect(globToRegExp("src/**/*.{js,json}").test("src/c.js")).toBe(true);
    expect(globToRegExp("src/**/*.{js,json}").test("lib/c.js")).toBe(false);
    expect(globToRegExp("a?.md").test("ab.md")).toBe(true);
  });

  it("diffs lines", () => {
    const d = lineDiff("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(d.added).toBe(2);
    expect(d.removed).toBe(1);
    expect(d.diff).toMatch(/^@@ -1,3 \+1,4 @@/);
    expect(countLines("a\nb\n")).toBe(2);
    expect(countLines("")).toBe(0);
  });
});
