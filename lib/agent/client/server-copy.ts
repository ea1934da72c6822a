// The browser's knowledge of what the server holds of a chat: per message, the hashes of the parts the server stored
// (sync.ts). From it, each request sends only what the server lacks — everything after the first message the server
// does not hold as the browser has it, and of a message it holds, only the changed and new parts. Kept with the chat
// record (IndexedDB), so a reload does not cost a whole upload.
//
// Knowledge comes from the server: what the browser uploaded counts once the server says what it stored of the step
// (`data-stored`); a request that ends without that (an error, Stop) forgets the messages it carried, so the next one
// sends them whole. When the server's copy turns out different anyway, it answers 409 and the transport resends.
import type { AgentUIMessage, UploadedMessage } from "../protocol";
import { diffParts, partHashes, type StoredParts } from "../sync";

/** Per message id, the hashes of its parts as the server holds them. */
export type KnownParts = Record<string, string[]>;

/** How much to send: only what changed, every message after the anchor whole, or the whole history. */
export type UploadMode = "delta" | "whole-messages" | "everything";

export interface UploadPlan {
  anchor: string | null;
  messages: UploadedMessage[];
  /** What the server will hold of each sent message once it has applied this upload. */
  expect: Map<string, string[]>;
}

export class ServerCopy {
  private readonly known: Map<string, string[]>;

  constructor(initial: KnownParts = {}) {
    this.known = new Map(Object.entries(initial));
  }

  plan(messages: readonly AgentUIMessage[], mode: UploadMode = "delta"): UploadPlan {
    const hashes = messages.map((m) => partHashes(m));
    // Messages that are gone (a regenerated answer, a dropped step) are forgotten.
    const ids = new Set(messages.map((m) => m.id));
    for (const id of this.known.keys()) if (!ids.has(id)) this.known.delete(id);
    let first = mode === "everything" ? 0 : messages.findIndex((m, i) => !same(this.known.get(m.id), hashes[i]!));
    // Nothing new (a retry the server has everything for): the last message again, as a patch that changes nothing.
    if (first === -1) first = Math.max(0, messages.length - 1);
    const anchor = first === 0 ? null : (messages[first - 1]?.id ?? null);
    const expect = new Map<string, string[]>();
    const sent = messages.slice(first).map((m, i): UploadedMessage => {
      const role = m.role === "system" ? "user" : m.role;
      expect.set(m.id, hashes[first + i]!);
      const known = this.known.get(m.id);
      const patch = anchor !== null && mode === "delta" && known ? diffParts(known, m.parts) : null;
      return patch ? { id: m.id, role, patch } : { id: m.id, role, parts: m.parts };
    });
    return { anchor, messages: sent, expect };
  }

  /** The server stored the upload and answered `stored` (null: it did not say, so nothing sent is known). */
  settle(plan: UploadPlan, stored: StoredParts | null): void {
    if (!stored) {
      for (const id of plan.expect.keys()) this.known.delete(id);
      return;
    }
    for (const [id, hashes] of plan.expect) this.known.set(id, hashes);
    const base = plan.expect.get(stored.id) ?? [];
    this.known.set(stored.id, [...base.slice(0, stored.from), ...stored.hashes]);
  }

  toJSON(): KnownParts {
    return Object.fromEntries(this.known);
  }
}

function same(known: readonly string[] | undefined, hashes: readonly string[]): boolean {
  return known !== undefined && known.length === hashes.length && known.every((h, i) => h === hashes[i]);
}
