// Test setup: puts a project straight into the browser's IndexedDB (same schema as lib/persistence/db.ts), so a
// test can start in the workspace. Tests of creating projects go through the Home page like a person.
import type { Page } from "@playwright/test";

export interface SeedOptions {
  name?: string;
  files: Record<string, string>;
  dirs?: string[];
  /** As a project never opened before (it then opens with its entry file). Default: one opened before, with no
   * editor tab open — what most tests start from. */
  firstOpen?: boolean;
}

export async function seedProject(page: Page, options: SeedOptions): Promise<string> {
  if (!page.url().startsWith("http")) await page.goto("/");
  const id = `seed${Math.random().toString(36).slice(2, 10)}`;
  await page.evaluate(
    async ({ id, name, files, dirs, firstOpen }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("tandem");
        request.onupgradeneeded = () => {
          const d = request.result;
          d.createObjectStore("projects", { keyPath: "id" });
          const f = d.createObjectStore("files", { keyPath: ["projectId", "path"] });
          f.createIndex("byProject", "projectId");
          d.createObjectStore("uiState", { keyPath: ["projectId", "key"] });
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const now = Date.now();
      const tx = db.transaction(["projects", "files", "uiState"], "readwrite");
      // Opened before, nothing open in the editor (lib/workspace/editor-store persistedStateSchema).
      if (!firstOpen) tx.objectStore("uiState").put({ projectId: id, key: "editor", value: { version: 1, tabs: [], active: null, drafts: {}, views: {} } });
      let size = 0;
      for (const [path, content] of Object.entries(files)) {
        size += new TextEncoder().encode(content).byteLength;
        tx.objectStore("files").put({ projectId: id, path, content, version: 0, mtime: now });
      }
      tx.objectStore("projects").put({
        id,
        name,
        createdAt: now,
        openedAt: now,
        updatedAt: now,
        size,
        fileCount: Object.keys(files).length,
        dirs,
        seq: 0,
      });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { id, name: options.name ?? "Seeded project", files: options.files, dirs: options.dirs ?? [], firstOpen: options.firstOpen ?? false },
  );
  return id;
}

/** Reads a file as stored in IndexedDB (what a reload would see). */
export async function storedFile(page: Page, projectId: string, path: string): Promise<string | null> {
  return page.evaluate(
    async ({ projectId, path }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open("tandem");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const value = await new Promise<unknown>((resolve, reject) => {
        const request = db.transaction("files").objectStore("files").get([projectId, path]);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      db.close();
      const record = value as { content?: unknown } | undefined;
      return typeof record?.content === "string" ? record.content : null;
    },
    { projectId, path },
  );
}

/** The project's chats as stored in IndexedDB, as JSON text (to wait until an answer is saved before a reload). */
export async function storedChats(page: Page, projectId: string): Promise<string> {
  return page.evaluate(async (projectId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open("tandem");
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!db.objectStoreNames.contains("chats")) return "";
    const chats = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction("chats").objectStore("chats").index("byProject").getAll(projectId);
      request.onsuccess = () => resolve(request.result as unknown[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return JSON.stringify(chats);
  }, projectId);
}
