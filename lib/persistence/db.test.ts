import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { DB_NAME, openDatabase } from "./db";

describe("the project database", () => {
  it("opens a database that already has some of its stores at an older version (e.g. seeded by a tool)", async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("projects", { keyPath: "id" });
        db.createObjectStore("files", { keyPath: ["projectId", "path"] }).createIndex("byProject", "projectId");
        db.createObjectStore("uiState", { keyPath: ["projectId", "key"] });
        db.createObjectStore("snapshots", { keyPath: ["projectId", "id"] }); // a version-2 store, already there
      };
      request.onsuccess = () => (request.result.close(), resolve());
      request.onerror = () => reject(request.error);
    });
    const db = await openDatabase();
    expect([...db.objectStoreNames].sort()).toEqual(["blobs", "chats", "files", "projects", "snapshots", "uiState"]);
    expect([...db.transaction("chats").store.indexNames]).toEqual(["byProject"]);
  });
});
