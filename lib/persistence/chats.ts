// A project's assistant chats in the project database. The chat's shape belongs to lib/agent; here a chat is a record
// with an id, an owner project and a time. Also moves chats over from the database they used to have of their own.
import { openDB } from "idb";
import { openDatabase, type StoredChat } from "./db";

const LEGACY_DB = "tandem-agent";
let migrated: Promise<void> | null = null;

/** Chats saved by builds before they moved here; copied once, then the old database is deleted. */
function migrateLegacyChats(): Promise<void> {
  migrated ??= (async () => {
    if (typeof indexedDB.databases === "function" && !(await indexedDB.databases()).some((d) => d.name === LEGACY_DB)) return;
    const legacy = await openDB(LEGACY_DB, 1, { upgrade: (d) => void d.createObjectStore("chats", { keyPath: "id" }) });
    const chats = legacy.objectStoreNames.contains("chats") ? ((await legacy.getAll("chats")) as StoredChat[]) : [];
    legacy.close();
    const db = await openDatabase();
    const tx = db.transaction(["chats", "projects"], "readwrite");
    for (const chat of chats) if (await tx.objectStore("projects").getKey(chat.projectId)) await tx.objectStore("chats").put(chat);
    await tx.done;
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(LEGACY_DB);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  })().catch((error: unknown) => console.warn("Could not move chats from the old database", error));
  return migrated;
}

export async function listStoredChats(projectId: string): Promise<StoredChat[]> {
  await migrateLegacyChats();
  return (await openDatabase()).getAllFromIndex("chats", "byProject", projectId);
}

export async function putStoredChat(chat: StoredChat): Promise<void> {
  await migrateLegacyChats();
  await (await openDatabase()).put("chats", chat);
}

export async function deleteStoredChat(id: string): Promise<void> {
  await (await openDatabase()).delete("chats", id);
}
