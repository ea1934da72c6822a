// The server's chat history: one ordered list of UI messages per chat, upserted by message id (the AI SDK sends the
// same assistant message again, with tool outputs filled in, when the loop continues — appending would duplicate it).

/** A stored message: the UI message as JSON text, kept byte-for-byte so the model input stays a stable prefix. */
export interface StoredMessage {
  id: string;
  role: string;
  json: string;
}

/**
 * A chat's version changes on every write, to a value never used before by any chat (a database sequence), so a server
 * instance holding a copy of the history can tell in one cheap query whether anyone else wrote since. 0: no such chat.
 */
export type ChatVersion = number;

/** What a request needs to know about a chat before its messages: its version and whose it is. */
export interface ChatHead {
  version: ChatVersion;
  /** SHA-256 (hex) of the chat's secret; null for a chat stored before secrets existed (or an unknown chat). */
  secretHash: string | null;
}

export interface ChatHistory extends ChatHead {
  messages: StoredMessage[];
}

export interface WriteOptions {
  projectId?: string;
  /** Write only if the chat is still at this version (0: it must not exist yet); otherwise nothing is written. */
  expectedVersion?: ChatVersion;
  /** The chat's secret hash: stored when the write creates the chat; a chat with another one is not written
   * (a conflict). An unconditional write (no expectedVersion) also binds it to a chat stored without one. */
  secretHash?: string;
}

/** How long chats are kept and how much may be stored (see .env.example). */
export interface RetentionPolicy {
  /** Chats not used (written) for this many days are deleted; 0 keeps them. */
  maxAgeDays: number;
  /** Above this many bytes of messages in the whole store, the least recently used chats are deleted; 0: no cap. */
  maxStoreBytes: number;
}

export interface SweepResult {
  /** Chats deleted for their age, and to bring the store under its cap. */
  expired: number;
  evicted: number;
  /** Bytes of messages left in the store. */
  bytes: number;
}

/** A conditional write that found another version is a value, not an exception: the caller's copy is stale. */
export type WriteResult = { ok: true; version: ChatVersion } | { ok: false; reason: "conflict" };

export interface ChatStore {
  /** Whether other processes may write this store (PostgreSQL), or only this one (embedded PGlite). */
  readonly shared: boolean;
  /** The chat's messages in order and its version (empty and 0 when the chat is unknown, e.g. after a data loss). */
  load(chatId: string): Promise<ChatHistory>;
  /** The chat's current version and secret hash only (0 and null when unknown): the cheap check before trusting a
   * cached copy or overwriting a chat. */
  head(chatId: string): Promise<ChatHead>;
  /** Inserts new messages at the end and replaces existing ones (same id) in place. */
  upsert(chatId: string, messages: readonly StoredMessage[], options?: WriteOptions): Promise<WriteResult>;
  /** Replaces the whole history (used when the browser re-uploads it after the server lost it). */
  replace(chatId: string, messages: readonly StoredMessage[], options?: WriteOptions): Promise<WriteResult>;
  delete(chatId: string): Promise<void>;
  /** Applies the retention policy: deletes expired chats, then the least recently used ones while over the cap. The
   * server's copy of a chat is a copy: the browser that owns it sends it whole again when the server lacks it. */
  sweep(policy: RetentionPolicy): Promise<SweepResult>;
  close(): Promise<void>;
}

/** The little SQL surface both PGlite and node-postgres offer. */
export interface SqlClient {
  /** Other processes may use the same database (a server), or none can (an embedded one). */
  readonly shared: boolean;
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(text: string): Promise<void>;
  transaction<T>(fn: (tx: Pick<SqlClient, "query">) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
