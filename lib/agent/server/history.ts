// How an upload meets the stored history. The browser sends only what is new (messages after `anchor`); the server
// keeps the rest. A kernel: data in, a plan out — the chat service carries it out.
import type { StoredMessage } from "@/lib/chat-store/types";

export type HistoryPlan =
  /** The server does not have the anchor (restart, another instance, lost data): ask for the whole history. */
  | { kind: "missing" }
  /** Upsert these by id; `history` is the resulting conversation. */
  | { kind: "upsert"; upsert: StoredMessage[]; history: StoredMessage[] }
  /** The conversation diverged from what is stored (an edited or regenerated message): replace it. */
  | { kind: "replace"; history: StoredMessage[] };

export function planHistory(stored: readonly StoredMessage[], anchor: string | null, incoming: readonly StoredMessage[]): HistoryPlan {
  if (anchor === null) {
    const same = stored.length === incoming.length && stored.every((m, i) => m.id === incoming[i]?.id && m.json === incoming[i]?.json);
    // Keep the stored bytes when nothing changed (a retry re-uploading everything must not disturb the prefix).
    return same ? { kind: "upsert", upsert: [], history: [...stored] } : { kind: "replace", history: [...incoming] };
  }
  const at = stored.findIndex((m) => m.id === anchor);
  if (at === -1) return { kind: "missing" };
  const kept = stored.slice(0, at + 1);
  const after = stored.slice(at + 1);
  const history = [...kept, ...incoming];
  // Appending or updating in place: whatever is stored after the anchor must be the start of what came in.
  const inPlace = after.every((m, i) => incoming[i]?.id === m.id);
  if (!inPlace) return { kind: "replace", history };
  const upsert = incoming.filter((m, i) => after[i]?.json !== m.json);
  return { kind: "upsert", upsert, history };
}
