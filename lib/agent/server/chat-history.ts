// Server only. The chat histories this process works with. The store is the authority — several app instances may
// share one PostgreSQL, and a restart forgets everything — but re-reading and re-parsing a whole conversation on every
// model step is what made a tool step slow. So each process keeps a bounded, parsed copy per chat.
//
// Shared store (PostgreSQL, other instances may write): a copy is trusted only after one cheap check that the chat's
// version in the store is still the one the copy builds on; a step's upload and its answer go to the store together,
// in one write when the step ends, and the stream closes only after it, so whichever instance gets the next request
// finds them.
//
// Exclusive store (embedded PGlite: no other process can open it): the copies are the truth and nothing needs checking.
// Writes leave the request path: a chat's changes are written at most every `writeDelayMs` (a tool loop's steps are
// coalesced into a few writes), and a request that has to read the store waits for that chat's pending write first.
//
// Until a write lands the browser holds the truth: if the process dies first, the next request finds the store without
// it and gets the 409 that makes the browser send everything. Each write is conditional on the version it builds on
// (unless it is a whole upload), so a copy that turned out stale is dropped, never written over newer data.
//
// Every request shows the chat's secret (chat-owner.ts); a copy remembers whose chat it is. Uploads may patch messages
// the server holds (sync.ts): a patch is applied only to the parts it was made against, else the browser is asked for
// that message whole (409 history-diverged).
import type { ChatStore, ChatVersion, StoredMessage, WriteResult } from "@/lib/chat-store/types";
import { isPatch, type AgentUIMessage, type ChatRequest } from "../protocol";
import { applyPatch, partHashes, rememberHashes } from "../sync";
import { hashSecret, sameSecret } from "./chat-owner";
import { planHistory } from "./history";
import { LruCache } from "./lru";

/** What a copy holds that the store does not have yet. */
type Unsaved =
  /** The whole history, replacing the store's; unconditionally when it is the browser's whole upload. */
  | { kind: "replace"; unconditional: boolean }
  /** These messages, upserted by id. */
  | { kind: "upsert"; messages: StoredMessage[] };

/** One chat as this process knows it: the store at `version` plus `unsaved`. `version` null: unknown (dropped). */
interface Copy {
  version: ChatVersion | null;
  /** Whose chat this is (the SHA-256 of its secret); null: stored before secrets existed, never read without one. */
  secretHash: string | null;
  stored: StoredMessage[];
  messages: AgentUIMessage[];
  unsaved: Unsaved | null;
}

/** A request's hold on its chat: record the step's assistant message once the stream has ended. */
export interface Turn {
  /** Stores the upload and the message (if any) in one write. Resolves once that is in the store (or has failed) when
   * other instances could read it; otherwise once it is queued (see the top of this file). */
  commit(message: AgentUIMessage | null): Promise<void>;
}

export type Reconciled =
  | { ok: true; messages: AgentUIMessage[]; turn: Turn }
  | { ok: false; code: "history-missing" }
  | { ok: false; code: "history-diverged"; id: string; why: string }
  | { ok: false; code: "duplicate-id"; id: string }
  | { ok: false; code: "forbidden"; why: "missing" | "wrong" }
  | { ok: false; code: "too-large"; chars: number; max: number }
  | { ok: false; code: "store-unavailable" };

export interface ChatHistoriesOptions {
  /** Cap on the copies kept, in characters of message JSON (parsed copies take a few times that). 0: keep none. */
  maxChars: number;
  /** Cap on one chat's history, in characters of message JSON; 0: none. */
  maxChatChars?: number;
  /** This process is the store's only user (default: when the store is not shared); see the top of this file. */
  exclusive?: boolean;
  /** Exclusive store: how long a chat's changes may wait to be written, coalescing steps (default 200 ms). */
  writeDelayMs?: number;
  log?: (message: string) => void;
}

/** Exclusive store: a chat's changes waiting to be written. */
interface PendingWrite {
  copy: Copy;
  projectId: string | undefined;
  timer: ReturnType<typeof setTimeout>;
}

export class ChatHistories {
  private readonly copies: LruCache<string, Copy>;
  /** Per chat, the end of its queue of reconciles and writes: one at a time, in arrival order. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly log: (message: string) => void;
  private readonly exclusive: boolean;
  private readonly writeDelayMs: number;
  private readonly maxChatChars: number;
  /** Exclusive store, per chat: the changes waiting for their write, and the writes under way (one at a time). */
  private readonly pending = new Map<string, PendingWrite>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly store: ChatStore,
    options: ChatHistoriesOptions,
  ) {
    this.copies = new LruCache(options.maxChars);
    this.log = options.log ?? ((message) => console.warn(message));
    this.exclusive = options.exclusive ?? !store.shared;
    this.writeDelayMs = options.writeDelayMs ?? 200;
    this.maxChatChars = options.maxChatChars ?? 0;
  }

  /** Resolves when everything queued for the chat is done and in the store (pending writes go out now). */
  async idle(chatId: string): Promise<void> {
    await this.queued(chatId, async () => {});
    await this.flush(chatId);
  }

  /** The conversation the model gets for this upload, if `secret` is the chat's. Nothing is written yet: see
   * Turn.commit. */
  reconcile(request: ChatRequest, secret: string | undefined): Promise<Reconciled> {
    if (!secret) return Promise.resolve({ ok: false, code: "forbidden", why: "missing" });
    const secretHash = hashSecret(secret);
    return this.queued(request.chatId, async () => {
      try {
        return await this.plan(request, secretHash);
      } catch (error) {
        this.log(`chat ${request.chatId}: the history store failed (${error instanceof Error ? error.message : String(error)})`);
        return { ok: false, code: "store-unavailable" } as const;
      }
    });
  }

  private async plan(request: ChatRequest, secretHash: string): Promise<Reconciled> {
    const { chatId, anchor, projectId } = request;
    // A whole upload is the history whatever the store holds, so its messages are never worth a read (only whose chat
    // it is); an anchored one needs the history up to its anchor.
    const copy = this.exclusive
      ? (this.copies.get(chatId) ?? (await this.flush(chatId).then(() => (anchor === null ? null : this.loadCopy(chatId)))))
      : ((await this.checkedCopy(chatId)) ?? (anchor === null ? null : await this.loadCopy(chatId)));
    const owner = copy ? copy.secretHash : (await this.store.head(chatId)).secretHash;
    if (owner !== null && !sameSecret(owner, secretHash)) return { ok: false, code: "forbidden", why: "wrong" };
    // A chat stored before secrets existed is never read without one: the 409 makes the browser that has it send it
    // whole, with its secret, which replaces the stored copy and binds the secret to the chat.
    if (anchor !== null && copy?.secretHash === null) return { ok: false, code: "history-missing" };

    const resolved = resolvePatches(copy ?? null, anchor, request.messages);
    if (!resolved.ok) return resolved.failure;
    const incoming = resolved.messages.map((m) => m.stored);
    const plan = planHistory(copy?.stored ?? [], anchor, incoming);
    if (plan.kind === "missing") return { ok: false, code: "history-missing" };
    if (plan.kind === "invalid") return { ok: false, code: "duplicate-id", id: plan.id };
    const chars = plan.history.reduce((sum, m) => sum + m.json.length, 0);
    if (this.maxChatChars > 0 && chars > this.maxChatChars) return { ok: false, code: "too-large", chars, max: this.maxChatChars };
    if (copy && plan.kind === "upsert" && plan.upsert.length === 0) return this.turn(chatId, copy, projectId);

    const kept = copy?.messages.slice(0, plan.keep) ?? [];
    // Parsed back from the JSON that is stored, so the copy is exactly what a later load would give (a patched
    // message is built from parsed parts already, and keeps the hashes computed for it).
    const added = plan.history.slice(plan.keep).map((m, i) => resolved.messages[i]?.message ?? (JSON.parse(m.json) as AgentUIMessage));
    const next: Copy = {
      version: copy?.version ?? null,
      secretHash: copy?.secretHash ?? secretHash,
      stored: plan.history,
      messages: [...kept, ...added],
      unsaved:
        anchor === null
          ? { kind: "replace", unconditional: true }
          : plan.kind === "replace"
            ? { kind: "replace", unconditional: copy?.unsaved?.kind === "replace" && copy.unsaved.unconditional }
            : withUpserts(copy?.unsaved ?? null, plan.upsert),
    };
    this.remember(chatId, next);
    return this.turn(chatId, next, projectId);
  }

  private turn(chatId: string, copy: Copy, projectId: string | undefined): Reconciled {
    return { ok: true, messages: copy.messages, turn: { commit: (message) => this.commit(chatId, copy, message, projectId) } };
  }

  private commit(chatId: string, copy: Copy, message: AgentUIMessage | null, projectId: string | undefined): Promise<void> {
    const stored = message ? { id: message.id, role: message.role, json: JSON.stringify(message) } : null;
    const updated = this.queued(chatId, async () => {
      if (stored) {
        // In memory first (copy on write: the request that produced the message may still hold the old arrays).
        const parsed = JSON.parse(stored.json) as AgentUIMessage;
        const at = copy.stored.findLastIndex((m) => m.id === stored.id);
        copy.stored = at === -1 ? [...copy.stored, stored] : copy.stored.with(at, stored);
        copy.messages = at === -1 ? [...copy.messages, parsed] : copy.messages.with(at, parsed);
        copy.unsaved = withUpserts(copy.unsaved, [stored]);
        if (this.copies.peek(chatId) === copy) this.remember(chatId, copy);
      }
      if (!this.exclusive) return this.save(chatId, copy, projectId);
      this.schedule(chatId, copy, projectId);
      // A copy this process no longer keeps is read back from the store next time: write it now.
      if (this.copies.peek(chatId) !== copy) void this.flush(chatId);
    });
    if (!this.exclusive) return updated;
    updated.catch((error: unknown) => this.log(`chat ${chatId}: history not saved (${error instanceof Error ? error.message : String(error)})`));
    return Promise.resolve();
  }

  /** Exclusive store: the copy's changes go to the store within writeDelayMs (together with any that follow). */
  private schedule(chatId: string, copy: Copy, projectId: string | undefined): void {
    if (!copy.unsaved) return;
    const waiting = this.pending.get(chatId);
    if (waiting) {
      waiting.copy = copy;
      waiting.projectId = projectId ?? waiting.projectId;
      return;
    }
    const timer = setTimeout(() => void this.flush(chatId), this.writeDelayMs);
    timer.unref?.();
    this.pending.set(chatId, { copy, projectId, timer });
  }

  /** Exclusive store: writes the chat's pending changes now; resolves once everything written for it so far is in. */
  private flush(chatId: string): Promise<void> {
    const waiting = this.pending.get(chatId);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(chatId);
      const run = (this.writing.get(chatId) ?? Promise.resolve()).then(() => this.save(chatId, waiting.copy, waiting.projectId));
      this.writing.set(chatId, run);
      void run.then(() => {
        if (this.writing.get(chatId) === run) this.writing.delete(chatId);
      });
    }
    return this.writing.get(chatId) ?? Promise.resolve();
  }

  /** Writes what the copy holds unsaved, conditional on the version it builds on (unless it is a whole upload). */
  private async save(chatId: string, copy: Copy, projectId: string | undefined): Promise<void> {
    const unsaved = copy.unsaved;
    if (!unsaved) return;
    const conditional = !(unsaved.kind === "replace" && unsaved.unconditional);
    if (conditional && copy.version === null) return this.drop(chatId, copy, "its base is unknown");
    const options = {
      ...(projectId ? { projectId } : {}),
      ...(conditional ? { expectedVersion: copy.version ?? 0 } : {}),
      ...(copy.secretHash ? { secretHash: copy.secretHash } : {}),
    };
    let result: WriteResult;
    try {
      result =
        unsaved.kind === "replace" ? await this.store.replace(chatId, copy.stored, options) : await this.store.upsert(chatId, unsaved.messages, options);
    } catch (error) {
      return this.drop(chatId, copy, error instanceof Error ? error.message : String(error));
    }
    if (!result.ok) return this.drop(chatId, copy, "another request changed it first");
    const base = copy.version;
    copy.version = result.version;
    if (copy.unsaved === unsaved) copy.unsaved = null;
    // Exclusive store: a request that came during this write made a newer copy from this one, on the same base; it
    // holds everything just written (still as unsaved), so it builds on the new version.
    const current = this.copies.peek(chatId);
    if (this.exclusive && current && current !== copy && current.version === base) current.version = result.version;
  }

  private drop(chatId: string, copy: Copy, why: string): void {
    copy.version = null;
    this.copies.delete(chatId, copy);
    this.log(`chat ${chatId}: history not saved (${why}); the store keeps what it had`);
  }

  /** The cached copy, if the store is still at the version it builds on (one small query). */
  private async checkedCopy(chatId: string): Promise<Copy | null> {
    const copy = this.copies.get(chatId);
    if (!copy || copy.version === null) return null;
    if ((await this.store.head(chatId)).version === copy.version) return copy;
    this.copies.delete(chatId, copy);
    return null;
  }

  private async loadCopy(chatId: string): Promise<Copy> {
    const { version, secretHash, messages } = await this.store.load(chatId);
    const copy: Copy = { version, secretHash, stored: messages, messages: messages.map((m) => JSON.parse(m.json) as AgentUIMessage), unsaved: null };
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

type Resolved =
  | { ok: true; messages: Array<{ stored: StoredMessage; message: AgentUIMessage | null }> }
  | { ok: false; failure: Extract<Reconciled, { code: "history-missing" | "history-diverged" }> };

/** The upload as whole messages: each patch applied to the message the copy holds at its place after the anchor. */
function resolvePatches(copy: Copy | null, anchor: string | null, uploaded: ChatRequest["messages"]): Resolved {
  const start = anchor === null ? 0 : (copy?.stored.findIndex((m) => m.id === anchor) ?? -1) + 1;
  if (anchor !== null && start === 0) return { ok: false, failure: { ok: false, code: "history-missing" } };
  const messages: Array<{ stored: StoredMessage; message: AgentUIMessage | null }> = [];
  for (const [i, m] of uploaded.entries()) {
    if (!isPatch(m)) {
      messages.push({ stored: { id: m.id, role: m.role, json: JSON.stringify(m) }, message: null });
      continue;
    }
    const diverged = (why: string) => ({ ok: false, failure: { ok: false, code: "history-diverged", id: m.id, why } }) as const;
    const base = copy?.messages[start + i];
    if (!base || base.id !== m.id || base.role !== m.role) return diverged("the server holds no such message at that place");
    const applied = applyPatch(base.parts, partHashes(base), m.patch);
    if (!applied.ok) return diverged(applied.why);
    const message = { ...base, parts: applied.parts } as AgentUIMessage;
    rememberHashes(message, applied.hashes);
    messages.push({ stored: { id: m.id, role: m.role, json: JSON.stringify(message) }, message });
  }
  return { ok: true, messages };
}

/** Adds upserts to what is unsaved (a pending replace already writes everything); a message upserted again replaces
 * its earlier unsaved version (a tool loop upserts the same assistant message every step). */
function withUpserts(unsaved: Unsaved | null, messages: readonly StoredMessage[]): Unsaved {
  if (unsaved?.kind === "replace") return unsaved;
  const next = [...(unsaved?.messages ?? [])];
  for (const message of messages) {
    const at = next.findIndex((m) => m.id === message.id);
    if (at === -1) next.push(message);
    else next[at] = message;
  }
  return { kind: "upsert", messages: next };
}
