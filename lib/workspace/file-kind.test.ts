import { describe, expect, it } from "vitest";
import { MAX_EDITOR_BYTES, editorKindFor, formatBytes, isScriptPath, languageForPath } from "./file-kind";

describe("languageForPath", () => {
  it("maps the languages the editor highlights", () => {
    expect(languageForPath("src/a.tsx")).toBe("typescript");
    expect(languageForPath("types/x.d.ts")).toBe("typescript");
    expect(languageForPath("a.mjs")).toBe("javascript");
    expect(languageForPath("package.json")).toBe("json");
    expect(languageForPath("s/style.CSS")).toBe("css");
    expect(languageForPath("index.html")).toBe("html");
    expect(languageForPath("README.md")).toBe("markdown");
    expect(languageForPath("Dockerfile")).toBe("dockerfile");
    expect(languageForPath("LICENSE")).toBe("plaintext");
    expect(languageForPath(".env")).toBe("plaintext");
  });

  it("knows which files the TypeScript service must see", () => {
    expect(["a.ts", "b.tsx", "c.js", "d.jsx", "e.d.ts", "f.cjs"].every(isScriptPath)).toBe(true);
    expect(["a.json", "b.css", "ts", ".ts"].some(isScriptPath)).toBe(false);
  });
});

describe("editorKindFor", () => {
  it("opens text, refuses bytes and huge files with their size", () => {
    expect(editorKindFor("a.ts", "x")).toEqual({ kind: "text", language: "typescript" });
    expect(editorKindFor("a.png", new Uint8Array(10))).toEqual({ kind: "binary", size: 10 });
    expect(editorKindFor("big.log", "x".repeat(MAX_EDITOR_BYTES + 1))).toEqual({ kind: "too-large", size: MAX_EDITOR_BYTES + 1 });
    expect(editorKindFor("ok.log", "x".repeat(MAX_EDITOR_BYTES)).kind).toBe("text");
  });

  it("formats sizes for people", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(12)).toBe("12 bytes");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatBytes(6 * 1024 * 1024)).toBe("6.0 MB");
  });
});
