// The server's chat history: one ordered list of UI messages per chat, upserted by message id (the AI SDK sends the
// same assistant message again, with tool outputs filled in, when the loop continues — appending would duplicate it).

/** A stored message: the UI message as JSON text, kept byte-for-byte so the model input stays a stable prefix. */
export interface StoredMessage {
  id: string;
  role: string;
  json: string;
}

export interface ChatStore {
  /** The chat's messages in order (empty when the chat is unknown, e.g. after the server lost its history). */
  load(chatId: string): Promise<StoredMessage[]>;
  /** Inserts new messages at the end and replaces existing ones (same id) in place. */
  upsert(chatId: string, messages: readonly StoredMessage[], projectId?: string): Promise<void>;
  /** Replaces the whole history (used when the browser re-uploads it after the server lost it). */
  replace(chatId: string, messages: readonly StoredMessage[], projectId?: string): Promise<void>;
  delete(chatId: string): Promise<void>;
  close(): Promise<void>;
}

/** The little SQL surface both PGlite and node-postgres offer. */
export interface SqlClient {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  exec(text: string): Promise<void>;
  transaction<T>(fn: (tx: Pick<SqlClient, "query">) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
