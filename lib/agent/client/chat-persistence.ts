// The browser's copy of a project's chats (in the project database, deleted with the project): messages, usage and
// titles survive a reload, and the server's history can always be rebuilt from here.
import { deleteStoredChat, listStoredChats, putStoredChat } from "@/lib/persistence/chats";
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

export function newChatRecord(projectId: string, id: string): ChatRecord {
  const now = Date.now();
  return { id, projectId, title: "New chat", createdAt: now, updatedAt: now, messages: [], usage: { session: emptyTotals(), turns: {} } };
}

export async function listChats(projectId: string): Promise<ChatRecord[]> {
  // Our own records, written by saveChat below.
  const all = (await listStoredChats(projectId)) as unknown as ChatRecord[];
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
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
