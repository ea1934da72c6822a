import { describe, expect, it } from "vitest";
import { applyEdits, decodeEdits, diffEdits, encodeEdits } from "./edits";

describe("the keystroke a fork keeps", () => {
  it("goes where the cursor was, and the cursor after it", async () => {
    const { applyEdit } = await import("./fork");
    expect(applyEdit("abc\ndef", { line: 2, column: 2, text: "X" })).toEqual({ text: "abc\ndXef", line: 2, column: 3 });
    expect(applyEdit("abc", { line: 1, column: 4, text: "\n" })).toEqual({ text: "abc\n", line: 2, column: 1 });
    expect(applyEdit("", { line: 9, column: 9, text: "a" })).toEqual({ text: "a", line: 1, column: 2 });
  });
});

describe("comparing two versions", () => {
  it("lists added, removed and changed files in path order", async () => {
    const { compareFiles } = await import("./compare");
    const changes = compareFiles(
      [["a.js", "1"], ["b.js", "2"], ["img.png", new Uint8Array([1, 2])]],
      [["a.js", "1"], ["b.js", "two"], ["c.js", "3"], ["img.png", new Uint8Array([1, 3])]],
    );
    expect(changes.map((c) => [c.path, c.status])).toEqual([["b.js", "changed"], ["c.js", "added"], ["img.png", "changed"]]);
    expect(compareFiles([["gone.js", "x"]], []).map((c) => c.status)).toEqual(["removed"]);
  });
});

describe("edits carried from an embed into a fork", () => {
  it("round-trip through a URL-safe string and apply to the version", () => {
    const before = [["a.js", "1"], ["b.js", "2"], ["img.png", new Uint8Array([1])]] as const;
    const after = [["a.js", "1 edited"], ["c.js", "new"], ["img.png", new Uint8Array([1])]] as const;
    const edits = diffEdits(before, after);
    expect(edits).toEqual({ set: { "a.js": "1 edited", "c.js": "new" }, remove: ["b.js"] });
    const text = encodeEdits(edits)!;
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(applyEdits(before, decodeEdits(text)!)).toEqual([["a.js", "1 edited"], ["img.png", new Uint8Array([1])], ["c.js", "new"]]);
    expect(decodeEdits("not-deflate")).toBeNull();
  });
});

describe("storage in a frame that blocks it", () => {
  it("is replaced by one in memory only when reading it throws", async () => {
    const { installStorageFallback } = await import("./storage-fallback");
    const blocked = {} as Window;
    Object.defineProperty(blocked, "localStorage", { configurable: true, get: () => { throw new DOMException("Access is denied for this document.", "SecurityError"); } });
    expect(installStorageFallback(blocked)).toBe(true);
    blocked.localStorage.setItem("a", "1");
    expect([blocked.localStorage.getItem("a"), blocked.localStorage.length, blocked.localStorage.getItem("b")]).toEqual(["1", 1, null]);
    const fine = { localStorage: blocked.localStorage } as unknown as Window;
    expect(installStorageFallback(fine)).toBe(false);
  });
});
