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

export interface ChatHistory {
  version: ChatVersion;
  messages: StoredMessage[];
}

export interface WriteOptions {
  projectId?: string;
  /** Write only if the chat is still at this version (0: it must not exist yet); otherwise nothing is written. */
  expectedVersion?: ChatVersion;
}

/** A conditional write that found another version is a value, not an exception: the caller's copy is stale. */
export type WriteResult = { ok: true; version: ChatVersion } | { ok: false; reason: "conflict" };

export interface ChatStore {
  /** Whether other processes may write this store (PostgreSQL), or only this one (embedded PGlite). */
  readonly shared: boolean;
  /** The chat's messages in order and its version (empty and 0 when the chat is unknown, e.g. after a data loss). */
  load(chatId: string): Promise<ChatHistory>;
  /** The chat's current version only (0 when unknown): the cheap check before trusting a cached copy. */
  version(chatId: string): Promise<ChatVersion>;
  /** Inserts new messages at the end and replaces existing ones (same id) in place. */
  upsert(chatId: string, messages: readonly StoredMessage[], options?: WriteOptions): Promise<WriteResult>;
  /** Replaces the whole history (used when the browser re-uploads it after the server lost it). */
  replace(chatId: string, messages: readonly StoredMessage[], options?: WriteOptions): Promise<WriteResult>;
  delete(chatId: string): Promise<void>;
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
