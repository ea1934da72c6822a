import "fake-indexeddb/auto";
import { openDB } from "idb";
import { describe, expect, it } from "vitest";
import { listStoredChats, putStoredChat } from "./chats";
import { createProject, deleteProject } from "./projects";

async function newProjectId(): Promise<string> {
  const created = await createProject({ name: "Chats", files: [["a.txt", "A"]] });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

describe("chats in the project database", () => {
  it("moves chats over from the old database once, keeping only those of existing projects", async () => {
    const projectId = await newProjectId();
    const legacy = await openDB("tandem-agent", 1, { upgrade: (d) => d.createObjectStore("chats", { keyPath: "id" }).createIndex("byProject", "projectId") });
    await legacy.put("chats", { id: "old", projectId, updatedAt: 1, title: "Before the move" });
    await legacy.put("chats", { id: "orphan", projectId: "gone", updatedAt: 1 });
    legacy.close();

    const chats = await listStoredChats(projectId);
    expect(chats.map((c) => [c.id, c.title])).toEqual([["old", "Before the move"]]);
    expect((await indexedDB.databases()).some((d) => d.name === "tandem-agent")).toBe(false);
  });

  it("deletes a project's chats with the project", async () => {
    const projectId = await newProjectId();
    const other = await newProjectId();
    await putStoredChat({ id: "c1", projectId, updatedAt: 2 });
    await putStoredChat({ id: "c2", projectId: other, updatedAt: 2 });
    await deleteProject(projectId);
    expect(await listStoredChats(projectId)).toEqual([]);
    expect((await listStoredChats(other)).map((c) => c.id)).toEqual(["c2"]);
  });
});
