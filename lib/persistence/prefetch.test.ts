import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { prefetchProject, takeProjectRead } from "./prefetch";
import { createProject } from "./projects";
import { openDatabase } from "./db";

describe("prefetchProject", () => {
  it("hands over the read already under way once, then reads afresh", async () => {
    const created = await createProject({ name: "P", files: [["a.txt", "one"]] });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.value.id;
    prefetchProject(id);
    // Written after the prefetch started: the handed-over read does not see it, a fresh one does.
    const db = await openDatabase();
    await db.put("files", { projectId: id, path: "a.txt", content: "two", version: 1, mtime: 0 });
    const first = await takeProjectRead(id);
    const second = await takeProjectRead(id);
    const text = (r: typeof first) => (r.ok ? r.value.project.read("a.txt") : null);
    const content = (r: typeof first) => { const t = text(r); return t?.ok ? t.value.content : null; };
    expect(content(first)).toBe("one");
    expect(content(second)).toBe("two");
  });

  it("passes a missing project's error to the taker", async () => {
    prefetchProject("nope");
    const read = await takeProjectRead("nope");
    expect(read.ok).toBe(false);
  });
});
