import { describe, expect, it } from "vitest";
import { Project } from "../project";
import { countFilesUnder, createEntry, deleteEntry, moveEntry, renameEntry, restoreDeleted } from "./actions";

const fresh = () => new Project({ files: [["src/a.ts", "a"], ["src/lib/b.ts", "b"], ["c.md", "c"]] });

describe("tree actions", () => {
  it("creates files and folders as the user", () => {
    const p = fresh();
    const seen: string[] = [];
    p.subscribe((e) => seen.push(e.origin));
    expect(createEntry(p, "src", "new.ts", "file").ok).toBe(true);
    expect(createEntry(p, "", "docs", "folder").ok).toBe(true);
    expect(p.hasFile("src/new.ts")).toBe(true);
    expect(p.isDir("docs")).toBe(true);
    expect(seen).toEqual(["user", "user"]);
  });

  it("refuses existing, invalid and unsafe names with messages", () => {
    const p = fresh();
    expect(createEntry(p, "src", "a.ts", "file")).toMatchObject({ ok: false, error: { code: "already-exists" } });
    expect(createEntry(p, "", "a/b", "file")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot contain "\/"/) } });
    expect(createEntry(p, "", "..", "folder")).toMatchObject({ ok: false, error: { code: "invalid-path" } });
    expect(createEntry(p, "", "   ", "file")).toMatchObject({ ok: false, error: { code: "invalid-path" } });
    expect(renameEntry(p, "c.md", "src")).toMatchObject({ ok: false, error: { code: "already-exists" } });
  });

  it("accepts unicode, spaces and <script> as plain names", () => {
    const p = fresh();
    expect(createEntry(p, "", "<script>alert(1)<script>.html", "file").ok).toBe(true);
    expect(createEntry(p, "", "<img src=x onerror=alert(1)>", "folder").ok).toBe(true);
    expect(renameEntry(p, "c.md", "日本語 notes.md").ok).toBe(true);
    expect(p.hasFile("日本語 notes.md")).toBe(true);
  });

  it("renames and moves files and folders", () => {
    const p = fresh();
    expect(renameEntry(p, "src", "code").ok).toBe(true);
    expect(p.hasFile("code/lib/b.ts")).toBe(true);
    expect(moveEntry(p, "c.md", "code/lib").ok).toBe(true);
    expect(p.hasFile("code/lib/c.md")).toBe(true);
    expect(moveEntry(p, "code", "code/lib")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/into itself/) } });
    expect(moveEntry(p, "code/a.ts", "code")).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already in that folder/) } });
  });

  it("deletes and counts", () => {
    const p = fresh();
    expect(countFilesUnder(p, "src")).toBe(2);
    expect(countFilesUnder(p, "c.md")).toBe(1);
    expect(deleteEntry(p, "src").ok).toBe(true);
    expect(p.fileCount).toBe(1);
  });
});

describe("restoreDeleted", () => {
  it("puts back a deleted folder, leaving later edits elsewhere and re-created files alone", () => {
    const project = new Project({ files: [["src/a.js", "A"], ["src/lib/b.js", "B"], ["other.js", "O"]], dirs: ["src/empty"] });
    const before = project.snapshot();
    expect(deleteEntry(project, "src").ok).toBe(true);
    project.write("other.js", "edited", { origin: "user" });
    project.write("src/a.js", "new A", { origin: "user" });

    const result = restoreDeleted(project, before, "src");
    expect(result).toEqual({ ok: true, value: 1 });
    const text = (p: string) => {
      const r = project.read(p);
      return r.ok ? r.value.content : null;
    };
    expect(text("src/lib/b.js")).toBe("B");
    expect(text("src/a.js")).toBe("new A");
    expect(text("other.js")).toBe("edited");
    expect(project.isDir("src/empty")).toBe(true);
  });

  it("says so when there is nothing to put back", () => {
    const project = new Project({ files: [["a.js", "A"]] });
    const before = project.snapshot();
    const result = restoreDeleted(project, before, "missing");
    expect(result.ok).toBe(false);
  });
});
