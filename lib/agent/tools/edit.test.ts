import { describe, expect, it } from "vitest";
import { applyEdits, closestCandidates } from "./edit";

describe("applyEdits", () => {
  it("replaces one exact match", () => {
    expect(applyEdits("a\nb\nc\n", [{ search: "b", replace: "B" }])).toEqual({ ok: true, content: "a\nB\nc\n", replacements: 1 });
  });

  it("applies several edits in order, all or nothing", () => {
    const ok = applyEdits("one two three", [
      { search: "one", replace: "1" },
      { search: "three", replace: "3" },
    ]);
    expect(ok).toMatchObject({ ok: true, content: "1 two 3" });
    const bad = applyEdits("one two three", [
      { search: "one", replace: "1" },
      { search: "four", replace: "4" },
    ]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/Edit 2 of 2/);
  });

  it("refuses an ambiguous match unless replaceAll", () => {
    const bad = applyEdits("x\nx\n", [{ search: "x", replace: "y" }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/occurs 2 times \(at lines 1, 2\)/);
    expect(applyEdits("x\nx\n", [{ search: "x", replace: "y", replaceAll: true }])).toMatchObject({ ok: true, content: "y\ny\n" });
  });

  it("shows the candidates of an ambiguous match, numbered with a line of context, as the tool's description promises", () => {
    const file = "function a() {\n  return 1;\n}\nfunction b() {\n  return 1;\n}\n";
    const bad = applyEdits(file, [{ search: "  return 1;", replace: "  return 2;" }]);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.message).toMatch(/occurs 2 times \(at lines 2, 5\)/);
    expect(bad.message).toContain("--- candidate 1 of 2, at line 2:\n1\tfunction a() {\n2\t  return 1;\n3\t}");
    expect(bad.message).toContain("--- candidate 2 of 2, at line 5:\n4\tfunction b() {\n5\t  return 1;\n6\t}");
  });

  it("shows the closest candidates on a miss", () => {
    const file = "function add(a, b) {\n  return a - b;\n}\n";
    const bad = applyEdits(file, [{ search: "function add(a,b) {\n  return a-b;", replace: "x" }]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.message).toMatch(/not found/);
      expect(bad.message).toMatch(/closest match at line 1/);
      expect(bad.message).toMatch(/1\tfunction add\(a, b\) \{/);
    }
  });

  it("treats $ patterns literally and keeps CRLF endings", () => {
    expect(applyEdits("a\r\nb\r\n", [{ search: "a\nb", replace: "$&-$1" }])).toMatchObject({ ok: true, content: "$&-$1\r\n" });
  });

  it("never empties a file", () => {
    const bad = applyEdits("only\n", [{ search: "only\n", replace: "" }]);
    expect(bad.ok).toBe(false);
  });

  it("finds nothing similar for unrelated text", () => {
    expect(closestCandidates("alpha\nbeta\n", "zzzzqqqq")).toEqual([]);
  });
});
