// How an upload meets the stored history. The browser sends only what is new (messages after `anchor`); the server
// keeps the rest. A kernel: data in, a plan out — the chat service carries it out.
import type { StoredMessage } from "@/lib/chat-store/types";

export type HistoryPlan =
  /** The server does not have the anchor (restart, another instance, lost data): ask for the whole history. */
  | { kind: "missing" }
  /** The upload would give two messages one id: the store (upsert by id) and the model would disagree. */
  | { kind: "invalid"; id: string }
  /** Upsert these by id; `history` is the resulting conversation, of which the first `keep` are stored ones. */
  | { kind: "upsert"; upsert: StoredMessage[]; history: StoredMessage[]; keep: number }
  /** The conversation diverged from what is stored (an edited or regenerated message): replace it. */
  | { kind: "replace"; history: StoredMessage[]; keep: number };

export function planHistory(stored: readonly StoredMessage[], anchor: string | null, incoming: readonly StoredMessage[]): HistoryPlan {
  const plan = planUnchecked(stored, anchor, incoming);
  if (plan.kind === "missing" || plan.kind === "invalid") return plan;
  const seen = new Set<string>();
  for (const m of plan.history) {
    if (seen.has(m.id)) return { kind: "invalid", id: m.id };
    seen.add(m.id);
  }
  return plan;
}

function planUnchecked(stored: readonly StoredMessage[], anchor: string | null, incoming: readonly StoredMessage[]): HistoryPlan {
  if (anchor === null) {
    const same = stored.length === incoming.length && stored.every((m, i) => m.id === incoming[i]?.id && m.json === incoming[i]?.json);
    // Keep the stored bytes when nothing changed (a retry re-uploading everything must not disturb the prefix).
    return same
      ? { kind: "upsert", upsert: [], history: [...stored], keep: stored.length }
      : { kind: "replace", history: [...incoming], keep: 0 };
  }
  const at = stored.findIndex((m) => m.id === anchor);
  if (at === -1) return { kind: "missing" };
  const keep = at + 1;
  const after = stored.slice(keep);
  const history = [...stored.slice(0, keep), ...incoming];
  // Appending or updating in place: whatever is stored after the anchor must be the start of what came in.
  const inPlace = after.every((m, i) => incoming[i]?.id === m.id);
  if (!inPlace) return { kind: "replace", history, keep };
  const upsert = incoming.filter((m, i) => after[i]?.json !== m.json);
  return { kind: "upsert", upsert, history, keep };
}
