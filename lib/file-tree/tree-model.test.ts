import { describe, expect, it } from "vitest";
import {
  allFolders,
  buildTreeIndex,
  findByPrefix,
  foldersContaining,
  moveDestination,
  naturalCompare,
  renameExpanded,
  revealPath,
  targetFolder,
  visibleRows,
} from "./tree-model";

const index = buildTreeIndex(["src/b.ts", "src/a.ts", "README.md", "src/lib/util10.ts", "src/lib/util2.ts", "a.txt"], ["empty"]);

describe("tree model", () => {
  it("lists folders first, then files, in natural order", () => {
    expect(index.children.get("")?.map((e) => e.name)).toEqual(["empty", "src", "a.txt", "README.md"]);
    expect(index.children.get("src/lib")?.map((e) => e.name)).toEqual(["util2.ts", "util10.ts"]);
    expect(index.fileCount).toBe(6);
  });

  it("sorts naturally and case-insensitively, with a stable tie-break", () => {
    const names = ["b10", "B2", "a", "file010", "file9", "A", "z", "über", "file9.txt", "10", "9"];
    expect(names.sort(naturalCompare)).toEqual(["9", "10", "A", "a", "B2", "b10", "file9", "file9.txt", "file010", "z", "über"]);
  });

  it("shows only children of expanded folders, with depth and position", () => {
    expect(visibleRows(index, new Set()).map((r) => r.path)).toEqual(["empty", "src", "a.txt", "README.md"]);
    const rows = visibleRows(index, new Set(["src", "src/lib"]));
    expect(rows.map((r) => `${r.depth}:${r.name}`)).toEqual([
      "1:empty",
      "1:src",
      "2:lib",
      "3:util2.ts",
      "3:util10.ts",
      "2:a.ts",
      "2:b.ts",
      "1:a.txt",
      "1:README.md",
    ]);
    expect(rows[1]).toMatchObject({ expanded: true, posInSet: 2, setSize: 4, isDir: true });
  });

  it("builds and flattens 5,000 files quickly enough to do on every change", () => {
    const files = Array.from({ length: 5000 }, (_, i) => `pkg${i % 50}/src/dir${i % 7}/file${i}.ts`);
    const big = buildTreeIndex(files);
    const rows = visibleRows(big, new Set(allFolders(big)));
    expect(rows.length).toBe(5000 + 50 + 50 + 350);
  });

  it("works out target folders and move destinations", () => {
    expect(targetFolder(index, "src/a.ts")).toBe("src");
    expect(targetFolder(index, "src")).toBe("src");
    expect(targetFolder(index, null)).toBe("");
    expect(moveDestination("src/a.ts", "")).toBe("a.ts");
    expect(moveDestination("src/a.ts", "src")).toBeNull();
    expect(moveDestination("a.txt", "src/lib")).toBe("src/lib/a.txt");
  });

  it("reveals, renames and forgets expanded folders", () => {
    const expanded = new Set(["src"]);
    expect([...revealPath(expanded, "src/lib/util2.ts")].sort()).toEqual(["src", "src/lib"]);
    expect(revealPath(expanded, "src/a.ts")).toBe(expanded);
    expect([...renameExpanded(new Set(["src", "src/lib", "other"]), "src", "code")].sort()).toEqual(["code", "code/lib", "other"]);
    expect([...renameExpanded(new Set(["src", "src/lib"]), "src", null)]).toEqual([]);
  });

  it("jumps by typed prefix and marks folders of unsaved files", () => {
    const rows = visibleRows(index, new Set());
    expect(findByPrefix(rows, "r", 0)).toBe(3);
    expect(findByPrefix(rows, "zz", 0)).toBe(-1);
    expect([...foldersContaining(["src/lib/util2.ts"])].sort()).toEqual(["src", "src/lib"]);
  });
});
