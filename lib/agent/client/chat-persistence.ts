// The browser's copy of a project's chats (IndexedDB, beside the project): messages, usage and titles survive a
// reload, and the server's history can always be rebuilt from here. Framework-free; idb does the IndexedDB plumbing.
import { openDB, type IDBPDatabase } from "idb";
import type { AgentUIMessage } from "../protocol";
import { emptyTotals, type UsageTotals } from "../usage";

export interface ChatRecord {
  id: string;
  projectId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: AgentUIMessage[];
  usage: { session: UsageTotals; turns: Record<string, UsageTotals> };
}

const DB = "tandem-agent";
let db: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB, 1, {
    upgrade(d) {
      const chats = d.createObjectStore("chats", { keyPath: "id" });
      chats.createIndex("byProject", "projectId");
    },
  });
  return db;
}

export function newChatRecord(projectId: string, id: string): ChatRecord {
  const now = Date.now();
  return { id, projectId, title: "New chat", createdAt: now, updatedAt: now, messages: [], usage: { session: emptyTotals(), turns: {} } };
}

export async function listChats(projectId: string): Promise<ChatRecord[]> {
  const all = (await (await open()).getAllFromIndex("chats", "byProject", projectId)) as ChatRecord[];
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function saveChat(record: ChatRecord): Promise<void> {
  await (await open()).put("chats", record);
}

export async function deleteChat(id: string): Promise<void> {
  await (await open()).delete("chats", id);
}

/** A chat title from the first user message. */
export function titleFrom(messages: readonly AgentUIMessage[]): string | null {
  const first = messages.find((m) => m.role === "user");
  const text = first?.parts.find((p) => p.type === "text")?.text?.trim();
  if (!text) return null;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}
