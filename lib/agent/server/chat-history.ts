// Server only. The chat histories this process works with. The store is the authority — several app instances may
// share one PostgreSQL, and a restart forgets everything — but re-reading and re-parsing a whole conversation on every
// model step is what made a tool step slow. So each process keeps a bounded, parsed copy per chat and trusts it only
// after one cheap check that the chat's version in the store is still the one the copy reflects. Writes go through to
// the store in the background, in order per chat, each conditional on the version it builds on: a copy that turns out
// stale is dropped, never written over newer data. Nothing here changes what the browser sees: a chat this process
// cannot vouch for is read from the store, and one the store lacks gets the 409 that makes the browser send it whole.
import type { ChatStore, ChatVersion, StoredMessage, WriteOptions, WriteResult } from "@/lib/chat-store/types";
import type { AgentUIMessage, ChatRequest } from "../protocol";
import { planHistory } from "./history";
import { LruCache } from "./lru";

/** One chat as this process knows it. Writes move `version` on; null once a write failed (the copy is then dropped). */
interface Copy {
  version: ChatVersion | null;
  stored: StoredMessage[];
  messages: AgentUIMessage[];
}

/** A request's hold on its chat: record the step's assistant message once the stream has ended. */
export interface Turn {
  /** Stores the message (none: only waits); resolves when everything this request wrote is in the store, or failed. */
  commit(message: AgentUIMessage | null): Promise<void>;
}

export type Reconciled =
  | { ok: true; messages: AgentUIMessage[]; turn: Turn }
  | { ok: false; code: "history-missing" }
  | { ok: false; code: "duplicate-id"; id: string };

export interface ChatHistoriesOptions {
  /** Cap on the copies kept, in characters of message JSON (parsed copies take a few times that). 0: keep none. */
  maxChars: number;
  log?: (message: string) => void;
}

export class ChatHistories {
  private readonly copies: LruCache<string, Copy>;
  /** Per chat, the end of its queue of reconciles and writes: one at a time, in arrival order. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly log: (message: string) => void;

  constructor(
    private readonly store: ChatStore,
    options: ChatHistoriesOptions,
  ) {
    this.copies = new LruCache(options.maxChars);
    this.log = options.log ?? ((message) => console.warn(message));
  }

  /** The conversation the model gets for this upload. Resolves before this request's own write is done. */
  reconcile(request: ChatRequest): Promise<Reconciled> {
    return this.queued(request.chatId, () => this.plan(request));
  }

  private async plan(request: ChatRequest): Promise<Reconciled> {
    const { chatId, anchor, projectId } = request;
    const incoming = request.messages.map((m) => ({ id: m.id, role: m.role, json: JSON.stringify(m) }));
    // A whole upload is the history whatever the store holds, so it is never worth a read; an anchored one needs
    // the history up to its anchor.
    const copy = (await this.checkedCopy(chatId)) ?? (anchor === null ? null : await this.loadCopy(chatId));
    const plan = planHistory(copy?.stored ?? [], anchor, incoming);
    if (plan.kind === "missing") return { ok: false, code: "history-missing" };
    if (plan.kind === "invalid") return { ok: false, code: "duplicate-id", id: plan.id };
    if (copy && plan.kind === "upsert" && plan.upsert.length === 0) return this.reconciled(chatId, copy, projectId);

    const kept = copy?.messages.slice(0, plan.keep) ?? [];
    // Parsed back from the JSON that is stored, so the copy is exactly what a later load would give.
    const added = plan.history.slice(plan.keep).map((m) => JSON.parse(m.json) as AgentUIMessage);
    // Until its write lands, the new copy claims the version it builds on (requests queue behind that write).
    const next: Copy = { version: copy?.version ?? null, stored: plan.history, messages: [...kept, ...added] };
    this.remember(chatId, next);
    // The browser's whole upload is the truth, written unconditionally; anything else builds on the copy's version.
    const base = anchor === null ? null : copy;
    const write =
      plan.kind === "replace"
        ? (options: WriteOptions) => this.store.replace(chatId, plan.history, options)
        : (options: WriteOptions) => this.store.upsert(chatId, plan.upsert, options);
    void this.queued(chatId, () => this.write(chatId, next, base, write, projectId));
    return this.reconciled(chatId, next, projectId);
  }

  private reconciled(chatId: string, copy: Copy, projectId: string | undefined): Reconciled {
    return { ok: true, messages: copy.messages, turn: { commit: (message) => this.commit(chatId, copy, message, projectId) } };
  }

  private commit(chatId: string, copy: Copy, message: AgentUIMessage | null, projectId: string | undefined): Promise<void> {
    if (!message) return this.queued(chatId, async () => {});
    const stored: StoredMessage = { id: message.id, role: message.role, json: JSON.stringify(message) };
    const parsed = JSON.parse(stored.json) as AgentUIMessage;
    return this.queued(chatId, async () => {
      // In memory first (copy on write: the request that produced the message may still hold the old arrays).
      const at = copy.stored.findLastIndex((m) => m.id === stored.id);
      copy.stored = at === -1 ? [...copy.stored, stored] : copy.stored.with(at, stored);
      copy.messages = at === -1 ? [...copy.messages, parsed] : copy.messages.with(at, parsed);
      if (this.copies.peek(chatId) === copy) this.remember(chatId, copy);
      await this.write(chatId, copy, copy, (options) => this.store.upsert(chatId, [stored], options), projectId);
    });
  }

  /**
   * Carries out a write (its caller has queued it after everything before it for the chat). With a `base`, the write
   * expects the store at the version the base has by then — unknown if the base's own write failed, and then nothing
   * is written: the store keeps what it has, and the next request reads it (or gets a 409 and the whole history).
   * On success `copy` moves to the new version; otherwise it is dropped.
   */
  private async write(chatId: string, copy: Copy, base: Copy | null, run: (options: WriteOptions) => Promise<WriteResult>, projectId: string | undefined): Promise<void> {
    if (base && base.version === null) return this.drop(chatId, copy, "an earlier write failed");
    let result: WriteResult;
    try {
      result = await run({ ...(projectId ? { projectId } : {}), ...(base ? { expectedVersion: base.version ?? 0 } : {}) });
    } catch (error) {
      return this.drop(chatId, copy, error instanceof Error ? error.message : String(error));
    }
    if (!result.ok) return this.drop(chatId, copy, "another request changed it first");
    copy.version = result.version;
  }

  private drop(chatId: string, copy: Copy, why: string): void {
    copy.version = null;
    this.copies.delete(chatId, copy);
    this.log(`chat ${chatId}: history not saved (${why}); the store keeps what it had`);
  }

  /** The cached copy, if the store is still at its version (one small query). */
  private async checkedCopy(chatId: string): Promise<Copy | null> {
    const copy = this.copies.get(chatId);
    if (!copy || copy.version === null) return null;
    if ((await this.store.version(chatId)) === copy.version) return copy;
    this.copies.delete(chatId, copy);
    return null;
  }

  private async loadCopy(chatId: string): Promise<Copy> {
    const { version, messages } = await this.store.load(chatId);
    const copy: Copy = { version, stored: messages, messages: messages.map((m) => JSON.parse(m.json) as AgentUIMessage) };
    this.remember(chatId, copy);
    return copy;
  }

  private remember(chatId: string, copy: Copy): void {
    this.copies.set(chatId, copy, copy.stored.reduce((sum, m) => sum + m.json.length, 0));
  }

  /** Runs `task` after everything queued for the chat (a failed task does not stop the queue). */
  private queued<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(chatId) ?? Promise.resolve()).then(task);
    const end = run.then(
      () => {},
      () => {},
    );
    this.queues.set(chatId, end);
    void end.then(() => {
      if (this.queues.get(chatId) === end) this.queues.delete(chatId);
    });
    return run;
  }
}
