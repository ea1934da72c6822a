// The server's chat store, chosen by configuration: PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite
// in TANDEM_DATA_DIR (default ./.tandem-data). One instance per server process, created on first use (nothing on import).
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pgliteClient, postgresClient } from "./clients";
import { SqlChatStore } from "./sql-store";
import type { ChatStore } from "./types";

export type { ChatStore, StoredMessage } from "./types";
export { SqlChatStore } from "./sql-store";
export { pgliteClient, postgresClient } from "./clients";

let shared: Promise<ChatStore> | null = null;

export function chatStoreFromEnv(env: Record<string, string | undefined> = process.env): Promise<ChatStore> {
  shared ??= (async () => {
    const url = env.DATABASE_URL?.trim();
    if (url) return new SqlChatStore(await postgresClient(url));
    const dir = path.resolve(env.TANDEM_DATA_DIR?.trim() || ".tandem-data", "chats");
    await mkdir(dir, { recursive: true });
    return new SqlChatStore(await pgliteClient(dir));
  })();
  shared.catch(() => {
    shared = null; // a failed start (e.g. database down) is retried on the next request
  });
  return shared;
}
