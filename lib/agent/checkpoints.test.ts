import { describe, expect, it } from "vitest";
import { Project, type Snapshot } from "@/lib/project";
import { Checkpoints, type SnapshotStore } from "./checkpoints";

const text = (p: Project, path: string) => {
  const r = p.read(path);
  return r.ok ? r.value.content : null;
};

/** What a page reload keeps: the store, nothing in memory. */
function mapStore(): SnapshotStore & { ids(): string[] } {
  const map = new Map<string, Snapshot>();
  return {
    save: async (id, s) => void map.set(id, s),
    load: async (id) => map.get(id) ?? null,
    list: async (prefix) => [...map].filter(([id]) => id.startsWith(prefix)).map(([id, s]) => ({ id, takenAt: s.takenAt })),
    delete: async (ids) => ids.forEach((id) => map.delete(id)),
    ids: () => [...map.keys()],
  };
}

describe("Checkpoints", () => {
  it("restores to before a turn, and the restore can be undone", async () => {
    const project = new Project({ files: [["a.js", "one"]] });
    const checkpoints = new Checkpoints(project);
    checkpoints.begin("t1");
    project.write("a.js", "two", { origin: "agent" });
    project.write("b.js", "new", { origin: "agent" });
    expect(await checkpoints.restore("t1")).toBe(2);
    expect(text(project, "a.js")).toBe("one");
    expect(project.hasFile("b.js")).toBe(false);
    expect(await checkpoints.undoRestore()).toBe(2);
    expect(text(project, "a.js")).toBe("two");
    expect(text(project, "b.js")).toBe("new");
    expect(checkpoints.lastRestore()).toBeNull();
  });

  it("keeps the first snapshot of a turn and ignores unknown turns", async () => {
    const project = new Project({ files: [["a.js", "one"]] });
    const checkpoints = new Checkpoints(project);
    checkpoints.begin("t1");
    project.write("a.js", "two", { origin: "agent" });
    checkpoints.begin("t1");
    await checkpoints.restore("t1");
    expect(text(project, "a.js")).toBe("one");
    expect(await checkpoints.restore("nope")).toBeNull();
  });

  it("restores and undoes after a reload, from the store alone", async () => {
    const store = mapStore();
    const project = new Project({ files: [["a.js", "one"]] });
    const first = new Checkpoints(project, store);
    first.begin("t1");
    project.write("a.js", "two", { origin: "agent" });
    await first.flushed();

    const afterReload = new Checkpoints(project, store);
    expect(afterReload.has("t1")).toBe(false);
    await afterReload.hydrate();
    expect(afterReload.has("t1")).toBe(true);
    expect(await afterReload.restore("t1")).toBe(1);
    expect(text(project, "a.js")).toBe("one");
    await afterReload.flushed();

    const again = new Checkpoints(project, store);
    await again.hydrate();
    expect(again.lastRestore()?.turnId).toBe("t1");
    expect(await again.undoRestore()).toBe(1);
    expect(text(project, "a.js")).toBe("two");
    await again.flushed();
    expect(store.ids().filter((id) => id.startsWith("undo:"))).toEqual([]);
  });

  it("keeps at most `limit` turns, in memory and in the store", async () => {
    const store = mapStore();
    const project = new Project({ files: [["a.js", "0"]] });
    const checkpoints = new Checkpoints(project, store, 2);
    for (const t of ["t1", "t2", "t3"]) {
      checkpoints.begin(t);
      project.write("a.js", t, { origin: "agent" });
    }
    await checkpoints.flushed();
    expect(checkpoints.has("t1")).toBe(false);
    expect(store.ids().sort()).toEqual(["turn:t2", "turn:t3"]);
  });
});
