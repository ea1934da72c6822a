import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { ProjectAutosave } from "./autosave";
import { openDatabase } from "./db";
import {
  createProject,
  listProjects,
  loadProject,
  loadUiState,
  purgeTrash,
  renameProject,
  restoreProject,
  saveUiState,
  trashProject,
} from "./projects";

async function newProject(files: [string, string | Uint8Array][] = [["a.txt", "A"]]) {
  const created = await createProject({ name: "Demo", files });
  if (!created.ok) throw new Error(created.error.message);
  const loaded = await loadProject(created.value.id);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

describe("projects", () => {
  it("creates, lists, renames, trashes with undo, and purges", async () => {
    const { meta } = await newProject([["index.html", "<h1>hi</h1>"], ["img.bin", new Uint8Array([1, 2, 3])]]);
    expect(meta.size).toBe(14);
    expect(meta.fileCount).toBe(2);
    expect((await listProjects()).map((p) => p.id)).toContain(meta.id);

    expect((await renameProject(meta.id, "  Renamed ")).ok).toBe(true);
    expect((await renameProject(meta.id, "   ")).ok).toBe(false);

    await trashProject(meta.id);
    expect((await listProjects()).map((p) => p.id)).not.toContain(meta.id);
    await restoreProject(meta.id);
    const back = (await listProjects()).find((p) => p.id === meta.id);
    expect(back?.name).toBe("Renamed");

    await trashProject(meta.id);
    expect(await purgeTrash(0)).toBeGreaterThanOrEqual(1);
    expect((await loadProject(meta.id)).ok).toBe(false);
  });

  it("refuses bad paths on create", async () => {
    const created = await createProject({ name: "Bad", files: [["../evil", "x"]] });
    expect(created).toMatchObject({ ok: false, error: { code: "invalid-path" } });
  });

  it("keeps UI state per project", async () => {
    const { meta } = await newProject();
    await saveUiState(meta.id, "editor", { tabs: ["a.txt"] });
    expect(await loadUiState(meta.id, "editor")).toEqual({ tabs: ["a.txt"] });
  });
});

describe("ProjectAutosave", () => {
  it("saves writes, deletes, renames and empty folders so a reload sees the same tree", async () => {
    const { meta, project } = await newProject([["src/a.ts", "a"], ["src/b.ts", "b"], ["c.txt", "c"]]);
    const autosave = new ProjectAutosave(meta.id, project, { debounceMs: 5 });
    project.write("src/a.ts", "a2", { origin: "user" });
    project.rename("src", "lib", { origin: "agent" });
    project.delete("c.txt", { origin: "user" });
    project.mkdir("empty/inner", { origin: "user" });
    project.write("bin/data", new Uint8Array([0, 255]), { origin: "runtime" });
    expect(autosave.status.state).toBe("pending");
    await autosave.flush();
    expect(autosave.status).toMatchObject({ state: "saved", savedSeq: project.seq });

    const reloaded = await loadProject(meta.id);
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    const tree = (p: typeof project) => p.listFiles().map((f) => [f.path, f.content]);
    expect(tree(reloaded.value.project)).toEqual(tree(project));
    expect(reloaded.value.project.listDirs()).toEqual(project.listDirs());
    expect(reloaded.value.project.seq).toBe(project.seq);
    expect(reloaded.value.meta.fileCount).toBe(3);
    autosave.dispose();
  });

  it("saves on its own within the debounce window", async () => {
    const { meta, project } = await newProject();
    const autosave = new ProjectAutosave(meta.id, project, { debounceMs: 5, maxDelayMs: 20 });
    const saved = new Promise<void>((resolve) => autosave.subscribe((s) => s.state === "saved" && resolve()));
    project.write("a.txt", "changed", { origin: "user" });
    await saved;
    const reloaded = await loadProject(meta.id);
    expect(reloaded.ok && reloaded.value.project.read("a.txt")).toMatchObject({ ok: true, value: { content: "changed" } });
    autosave.dispose();
  });

  it("stops instead of overwriting newer changes saved by another tab", async () => {
    const { meta, project } = await newProject();
    const other = await loadProject(meta.id);
    if (!other.ok) throw new Error("load");
    const mine = new ProjectAutosave(meta.id, project, { debounceMs: 5 });
    const theirs = new ProjectAutosave(meta.id, other.value.project, { debounceMs: 5 });
    other.value.project.write("a.txt", "theirs", { origin: "user" });
    await theirs.flush();
    project.write("a.txt", "mine", { origin: "user" });
    await mine.flush();
    expect(mine.status.state).toBe("stopped");
    expect(mine.status.message).toMatch(/another tab/i);
    expect(mine.hasPendingChanges).toBe(true);
    const stored = await loadProject(meta.id);
    expect(stored.ok && stored.value.project.read("a.txt")).toMatchObject({ ok: true, value: { content: "theirs" } });
    mine.dispose();
    theirs.dispose();
  });

  it("reports storage errors with what to do, keeps the changes and retries", async () => {
    const { meta, project } = await newProject();
    const autosave = new ProjectAutosave(meta.id, project, { debounceMs: 5, retryMs: 10 });
    const db = await openDatabase();
    const realTransaction = db.transaction.bind(db);
    let failures = 1;
    (db as { transaction: unknown }).transaction = ((...args: Parameters<typeof realTransaction>) => {
      if (failures-- > 0) throw new DOMException("full", "QuotaExceededError");
      return realTransaction(...args);
    }) as typeof db.transaction;
    try {
      project.write("a.txt", "after quota", { origin: "user" });
      await autosave.flush();
      expect(autosave.status.state).toBe("error");
      expect(autosave.status.message).toMatch(/storage is full.*not saved yet.*Export/);
      await new Promise<void>((resolve) => autosave.subscribe((s) => s.state === "saved" && resolve()));
    } finally {
      (db as { transaction: unknown }).transaction = realTransaction;
    }
    const reloaded = await loadProject(meta.id);
    expect(reloaded.ok && reloaded.value.project.read("a.txt")).toMatchObject({ ok: true, value: { content: "after quota" } });
    autosave.dispose();
  });
});
