// How long the server keeps chats and how much it stores, from the environment (documented in .env.example), and the
// janitor that applies it. The server's history is a copy — the browser that owns a chat sends it whole again when
// the server lacks it (the 409 "send it whole") — so deleting old or excess chats costs a re-upload, never a chat.
//
// No timers (nothing runs on import or in the background between requests): the chat service calls poke() per
// request, and a sweep runs at most once per interval, off the request path.
import type { ChatStore, RetentionPolicy, SweepResult } from "./types";

export interface ChatStoreLimits extends RetentionPolicy {
  /** One chat's history, in characters of message JSON (about bytes for text); 0: no cap. */
  maxChatChars: number;
}

const MB = 1024 * 1024;

/** TANDEM_CHAT_RETENTION_DAYS (30), TANDEM_CHAT_MAX_MB (4: what a whole-history upload may be, TANDEM_CHAT_MAX_BODY_MB), TANDEM_CHAT_STORE_MAX_MB (2048); 0 turns each off. */
export function chatStoreLimits(env: Record<string, string | undefined>): ChatStoreLimits {
  const number = (name: string, fallback: number) => {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    maxAgeDays: number("TANDEM_CHAT_RETENTION_DAYS", 30),
    maxChatChars: Math.floor(number("TANDEM_CHAT_MAX_MB", 4) * MB),
    maxStoreBytes: Math.floor(number("TANDEM_CHAT_STORE_MAX_MB", 2048) * MB),
  };
}

export class Janitor {
  /** When the interval started: the first request starts it (a sweep right at start-up would sit in the way of the
   * first requests, on PGlite's one connection). */
  private last: number | null = null;
  private running: Promise<SweepResult | null> | null = null;

  constructor(
    private readonly store: ChatStore,
    private readonly policy: RetentionPolicy,
    private readonly options: { intervalMs?: number; log?: (message: string) => void; now?: () => number } = {},
  ) {}

  /** Starts a sweep once an interval (default 10 minutes) has passed since the last, or since the first poke; never
   * waits for it, never throws. */
  poke(): void {
    if (this.policy.maxAgeDays <= 0 && this.policy.maxStoreBytes <= 0) return;
    const now = (this.options.now ?? Date.now)();
    this.last ??= now;
    if (this.running || now - this.last < (this.options.intervalMs ?? 10 * 60_000)) return;
    this.last = now;
    void this.sweep();
  }

  /** One sweep now (tests; poke in production). */
  sweep(): Promise<SweepResult | null> {
    this.running ??= this.store
      .sweep(this.policy)
      .then((result) => {
        if (result.expired || result.evicted)
          (this.options.log ?? console.warn)(`chat store: deleted ${result.expired} chats unused for ${this.policy.maxAgeDays} days and ${result.evicted} to stay under the quota (${Math.round(result.bytes / MB)} MB stored)`);
        return result;
      })
      .catch((error: unknown) => {
        (this.options.log ?? console.warn)(`chat store: the retention sweep failed (${error instanceof Error ? error.message : String(error)})`);
        return null;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
