import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { Project } from "../project";
import { openDatabase, projectRange } from "./db";
import { deleteProject } from "./projects";
import { deleteSnapshots, listSnapshots, loadSnapshot, saveSnapshot } from "./snapshots";

const content = (p: Project, path: string) => {
  const r = p.read(path);
  return r.ok ? r.value.content : null;
};

async function blobCount(projectId: string) {
  return (await (await openDatabase()).getAllKeys("blobs", projectRange(projectId))).length;
}

describe("snapshots", () => {
  it("restores a project to a stored snapshot after the in-memory one is gone", async () => {
    const project = new Project({ files: [["a.js", "one"], ["img.bin", new Uint8Array([1, 2, 3])]], dirs: ["empty"] });
    await saveSnapshot("p1", "turn:t1", project.snapshot());
    project.write("a.js", "two", { origin: "agent" });
    project.write("b.js", "new", { origin: "agent" });
    project.delete("img.bin", { origin: "agent" });

    const loaded = await loadSnapshot("p1", "turn:t1");
    expect(loaded).not.toBeNull();
    project.restore(loaded!, { origin: "system", batch: "r" });
    expect(content(project, "a.js")).toBe("one");
    expect(content(project, "img.bin")).toEqual(new Uint8Array([1, 2, 3]));
    expect(project.hasFile("b.js")).toBe(false);
    expect(project.isDir("empty")).toBe(true);
  });

  it("stores each distinct content once, and deleting snapshots frees what nothing else uses", async () => {
    const project = new Project({ files: [["a.js", "same"], ["b.js", "same"], ["c.js", "c1"]] });
    await saveSnapshot("p2", "turn:1", project.snapshot());
    project.write("c.js", "c2", { origin: "agent" });
    await saveSnapshot("p2", "turn:2", project.snapshot());
    expect(await blobCount("p2")).toBe(3); // "same", "c1", "c2"
    expect((await listSnapshots("p2", "turn:")).map((s) => s.id)).toEqual(["turn:1", "turn:2"]);

    await deleteSnapshots("p2", ["turn:1"]);
    expect(await blobCount("p2")).toBe(2);
    expect(await loadSnapshot("p2", "turn:1")).toBeNull();
    expect((await loadSnapshot("p2", "turn:2"))?.files.get("c.js")?.content).toBe("c2");
  });

  it("keeps text and bytes apart and goes away with the project", async () => {
    const project = new Project({ files: [["t.txt", "AB"], ["b.bin", new Uint8Array([65, 66])]] });
    await saveSnapshot("p3", "x", project.snapshot());
    const loaded = await loadSnapshot("p3", "x");
    expect(loaded?.files.get("t.txt")?.content).toBe("AB");
    expect(loaded?.files.get("b.bin")?.content).toEqual(new Uint8Array([65, 66]));
    await deleteProject("p3");
    expect(await loadSnapshot("p3", "x")).toBeNull();
    expect(await blobCount("p3")).toBe(0);
  });
});
