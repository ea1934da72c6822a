import { describe, expect, it } from "vitest";
import { Project } from "./project";
import type { ChangeEvent } from "./types";

const user = { origin: "user" as const };

describe("Project", () => {
  it("writes, reads and records the origin of every change", () => {
    const project = new Project();
    const events: ChangeEvent[] = [];
    project.subscribe((e) => events.push(e));
    expect(project.write("src/a.ts", "x", { origin: "agent" }).ok).toBe(true);
    expect(project.write("b.bin", new Uint8Array([0, 1, 2]), user).ok).toBe(true);
    expect(events.map((e) => [e.seq, e.origin, e.op.type])).toEqual([
      [1, "agent", "write"],
      [2, "user", "write"],
    ]);
    const read = project.read("src/a.ts");
    expect(read.ok && read.value.content).toBe("x");
    expect(project.listDirs()).toEqual(["src"]);
    expect(project.isDir("src")).toBe(true);
  });

  it("refuses bad paths with a clear error and changes nothing", () => {
    const project = new Project();
    const result = project.write("../x", "y", user);
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-path" } });
    expect(project.seq).toBe(0);
  });

  it("detects stale edits instead of overwriting", () => {
    const project = new Project();
    const first = project.write("a.txt", "1", user);
    if (!first.ok) throw new Error("write failed");
    const base = first.value.seq;
    expect(project.write("a.txt", "2", { origin: "user", baseVersion: base }).ok).toBe(true);
    const stale = project.write("a.txt", "3", { origin: "agent", baseVersion: base });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict" } });
    const read = project.read("a.txt");
    expect(read.ok && read.value.content).toBe("2");
  });

  it("treats a file deleted since it was read as a conflict, also for files loaded from storage", () => {
    const project = new Project({ files: [["seeded.txt", "from storage"]] });
    const read = project.read("seeded.txt");
    if (!read.ok) throw new Error("read failed");
    expect(read.value.version).toBeGreaterThan(0);
    project.delete("seeded.txt", { origin: "agent" });
    const stale = project.write("seeded.txt", "mine", { origin: "user", baseVersion: read.value.version });
    expect(stale).toMatchObject({ ok: false, error: { code: "conflict", message: expect.stringContaining("deleted") } });
    expect(project.hasFile("seeded.txt")).toBe(false);
    // Having seen no file is a version too: writing with base 0 creates, unless someone else created it first.
    expect(project.write("seeded.txt", "new", { origin: "agent", baseVersion: 0 }).ok).toBe(true);
    expect(project.write("seeded.txt", "again", { origin: "user", baseVersion: 0 })).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("creates only new files and keeps files and folders apart", () => {
    const project = new Project({ files: [["a/b.txt", "x"]] });
    expect(project.create("a/b.txt", "y", user)).toMatchObject({ ok: false, error: { code: "already-exists" } });
    expect(project.write("a", "y", user)).toMatchObject({ ok: false, error: { code: "is-a-directory" } });
    expect(project.write("a/b.txt/c", "y", user)).toMatchObject({ ok: false, error: { code: "not-a-directory" } });
    expect(project.read("a")).toMatchObject({ ok: false, error: { code: "is-a-directory" } });
    expect(project.read("nope")).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("renames folders with their contents and never overwrites", () => {
    const project = new Project({ files: [["src/a.ts", "a"], ["src/lib/b.ts", "b"], ["other.ts", "o"]] });
    project.mkdir("src/empty", user);
    expect(project.rename("src", "other.ts", user)).toMatchObject({ ok: false, error: { code: "already-exists" } });
    expect(project.rename("src", "src/inner", user)).toMatchObject({ ok: false, error: { code: "invalid-input" } });
    expect(project.rename("src", "app", user).ok).toBe(true);
    expect(project.listFiles().map((f) => f.path)).toEqual(["app/a.ts", "app/lib/b.ts", "other.ts"]);
    expect(project.listDirs()).toEqual(["app", "app/empty", "app/lib"]);
    expect(project.isDir("src")).toBe(false);
  });

  it("deletes folders recursively", () => {
    const project = new Project({ files: [["a/b/c.txt", "1"], ["a/d.txt", "2"], ["e.txt", "3"]] });
    expect(project.delete("a", user).ok).toBe(true);
    expect(project.listFiles().map((f) => f.path)).toEqual(["e.txt"]);
    expect(project.listDirs()).toEqual([]);
    expect(project.delete("a", user)).toMatchObject({ ok: false, error: { code: "not-found" } });
  });

  it("snapshots cheaply and restores through logged changes; restoring back undoes the restore", () => {
    const project = new Project({ files: [["a.txt", "1"], ["b.txt", "2"]] });
    const before = project.snapshot();
    project.write("a.txt", "changed", { origin: "agent" });
    project.delete("b.txt", { origin: "agent" });
    project.write("c/new.txt", "new", { origin: "agent" });
    const after = project.snapshot();
    expect(before.files.get("a.txt")?.content).toBe("1");

    const events = project.restore(before, { origin: "user", batch: "restore-1" });
    expect(events.every((e) => e.batch === "restore-1")).toBe(true);
    expect(project.listFiles().map((f) => [f.path, f.content])).toEqual([["a.txt", "1"], ["b.txt", "2"]]);

    project.restore(after, { origin: "user", batch: "undo-1" });
    expect(project.listFiles().map((f) => [f.path, f.content])).toEqual([["a.txt", "changed"], ["c/new.txt", "new"]]);
  });

  it("replays its change log onto another project to the same tree", () => {
    const source = new Project();
    const log: ChangeEvent[] = [];
    source.subscribe((e) => log.push(e));
    source.write("a/x.txt", "1", user);
    source.mkdir("empty", user);
    source.rename("a", "b", user);
    source.write("b/y.txt", new Uint8Array([9]), { origin: "runtime" });
    source.delete("b/x.txt", user);
    const replica = new Project();
    for (const event of log) expect(replica.apply(event.op, { origin: event.origin }).ok).toBe(true);
    expect(replica.listFiles().map((f) => [f.path, f.content])).toEqual(source.listFiles().map((f) => [f.path, f.content]));
    expect(replica.listDirs()).toEqual(source.listDirs());
    expect(source.changesSince(2)?.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it("keeps going when a subscriber throws", () => {
    const project = new Project();
    const seen: number[] = [];
    project.subscribe(() => {
      throw new Error("boom");
    });
    project.subscribe((e) => seen.push(e.seq));
    const original = console.error;
    console.error = () => {};
    try {
      expect(project.write("a", "b", user).ok).toBe(true);
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([1]);
  });

  it("handles 10,000 files without quadratic slowdowns in folder checks", () => {
    const project = new Project();
    for (let i = 0; i < 10_000; i++) project.write(`dir${i % 50}/f${i}.txt`, "x", user);
    expect(project.fileCount).toBe(10_000);
    expect(project.isDir("dir49")).toBe(true);
    expect(project.listDirs()).toHaveLength(50);
  });
});
