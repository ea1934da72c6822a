// The browser's copy of a project's chats (in the project database, deleted with the project): messages, usage and
// titles survive a reload, and the server's history can always be rebuilt from here. Each chat keeps the secret that
// makes it this browser's on the server (sent with every request, never shown), and what the server holds of it.
import { deleteStoredChat, listStoredChats, putStoredChat } from "@/lib/persistence/chats";
import type { AgentUIMessage } from "../protocol";
import { emptyTotals, type UsageTotals } from "../usage";
import type { KnownParts } from "./server-copy";

/** When a tool call ran (its card shows the duration, after a reload too). */
export interface ToolTiming {
  startedAt: number;
  endedAt: number;
}

export interface ChatRecord {
  id: string;
  projectId: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: AgentUIMessage[];
  usage: { session: UsageTotals; turns: Record<string, UsageTotals> };
  /** The chat's secret on the server (see CHAT_SECRET_HEADER). */
  secret: string;
  /** What the server holds of the chat (ServerCopy); absent: nothing known, the next request sends it whole. */
  serverParts?: KnownParts;
  /** Per tool call id. */
  toolTimes?: Record<string, ToolTiming>;
}

/** 256 random bits, base64url: the chat's secret. */
export function newChatSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newChatRecord(projectId: string, id: string): ChatRecord {
  const now = Date.now();
  return { id, projectId, title: "New chat", createdAt: now, updatedAt: now, messages: [], usage: { session: emptyTotals(), turns: {} }, secret: newChatSecret() };
}

export async function listChats(projectId: string): Promise<ChatRecord[]> {
  // Our own records, written by saveChat below. Chats saved before secrets existed get one now (the server then asks
  // for the whole history once, which binds the secret to the chat there).
  const all = (await listStoredChats(projectId)) as unknown as Array<Omit<ChatRecord, "secret"> & { secret?: string }>;
  const records = await Promise.all(
    all.map(async (c) => {
      if (c.secret) return c as ChatRecord;
      const record: ChatRecord = { ...c, secret: newChatSecret() };
      // Stored at once: a second listing must not make another.
      await saveChat(record);
      return record;
    }),
  );
  return records.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function saveChat(record: ChatRecord): Promise<void> {
  await putStoredChat({ ...record });
}

export async function deleteChat(id: string): Promise<void> {
  await deleteStoredChat(id);
}

/** A chat title from the first user message. */
export function titleFrom(messages: readonly AgentUIMessage[]): string | null {
  const first = messages.find((m) => m.role === "user");
  const text = first?.parts.find((p) => p.type === "text")?.text?.trim();
  if (!text) return null;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}
