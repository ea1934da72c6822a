import { describe, expect, it } from "vitest";
import { ancestors, basename, dirname, extname, isWithin, normalizePath, validateName } from "./paths";

describe("normalizePath", () => {
  it.each([
    ["src/app.ts", "src/app.ts"],
    ["./src//app.ts", "src/app.ts"],
    ["a/./b/", "a/b"],
    ["  README.md ", "README.md"],
    ["dir with spaces/ünïcödé 文件.txt", "dir with spaces/ünïcödé 文件.txt"],
    ["<script>alert(1)</script>.js", "<script>alert(1)</script>.js"],
  ])("accepts %j as %j", (input, expected) => {
    expect(normalizePath(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", "empty"],
    [".", "empty"],
    ["../etc/passwd", "leaves the project"],
    ["a/../../b", "leaves the project"],
    ["/etc/passwd", "absolute"],
    ["C:/x", "absolute"],
    ["a\0b", "NUL"],
    ["a\\b", "separator"],
    ["a\nb", "control character"],
    ["x".repeat(256), "longer than 255"],
    [`${"abcdefghij/".repeat(100)}x`, "longer than 1024"],
  ])("rejects %j (%s)", (input, message) => {
    const result = normalizePath(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid-path");
      expect(result.error.message).toContain(message);
    }
  });

  it("rejects non-strings", () => {
    expect(normalizePath(42).ok).toBe(false);
    expect(normalizePath(null).ok).toBe(false);
  });
});

describe("path helpers", () => {
  it("splits and joins", () => {
    expect(dirname("a/b/c.ts")).toBe("a/b");
    expect(dirname("c.ts")).toBe("");
    expect(basename("a/b/c.ts")).toBe("c.ts");
    expect(extname("a/b/c.test.TS")).toBe("ts");
    expect(extname(".gitignore")).toBe("");
    expect(ancestors("a/b/c.ts")).toEqual(["a", "a/b"]);
    expect(isWithin("a/b", "a")).toBe(true);
    expect(isWithin("ab", "a")).toBe(false);
  });

  it("validates single names", () => {
    expect(validateName("ok.txt").ok).toBe(true);
    expect(validateName("a/b").ok).toBe(false);
    expect(validateName("..").ok).toBe(false);
  });
});
