import { describe, expect, it } from "vitest";
import { Project } from "../project";
import { searchProject } from "./text-search";

const project = new Project({
  files: [
    ["src/a.ts", "export const Foo = 1;\nconst foo = Foo + 1;\n"],
    ["src/b.js", "// foo bar\nfoobar()\n"],
    ["node_modules/x/index.js", "foo"],
    ["img.png", new Uint8Array([102, 111, 111])],
  ],
});

describe("searchProject", () => {
  it("finds plain text case-insensitively, grouped by file, skipping node_modules and binaries", () => {
    const result = searchProject(project, { query: "foo" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.files.map((f) => [f.path, f.matches.map((m) => `${m.line}:${m.column}`)])).toEqual([
      ["src/a.ts", ["1:14", "2:7", "2:13"]],
      ["src/b.js", ["1:4", "2:1"]],
    ]);
  });

  it("honours case, whole word, regex and globs", () => {
    const cased = searchProject(project, { query: "Foo", caseSensitive: true });
    expect(cased.ok && cased.value.total).toBe(2);
    const word = searchProject(project, { query: "foo", wholeWord: true });
    expect(word.ok && word.value.total).toBe(4);
    const regex = searchProject(project, { query: "foo\\w+\\(", regex: true });
    expect(regex.ok && regex.value.files.map((f) => f.path)).toEqual(["src/b.js"]);
    const glob = searchProject(project, { query: "foo", include: ["**/*.js"] });
    expect(glob.ok && glob.value.files.map((f) => f.path)).toEqual(["src/b.js"]);
  });

  it("caps results and reports it", () => {
    const capped = searchProject(project, { query: "foo", maxResults: 2 });
    expect(capped.ok && capped.value).toMatchObject({ total: 2, truncated: true });
  });

  it("reports an invalid regex as an error value and survives empty matches", () => {
    expect(searchProject(project, { query: "(", regex: true })).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    const empty = searchProject(project, { query: "^", regex: true });
    expect(empty.ok && empty.value.total).toBe(0);
  });
});
