// One implementation for both databases: the schema and queries are plain PostgreSQL, run by PGlite (embedded, the
// default) or by node-postgres (DATABASE_URL).
import type { ChatStore, SqlClient, StoredMessage } from "./types";

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS tandem_chats (
  id TEXT PRIMARY KEY,
  project_id TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tandem_chat_messages (
  chat_id TEXT NOT NULL REFERENCES tandem_chats(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  -- TEXT, not JSONB: JSONB reorders keys, and the model input must stay byte-identical from step to step.
  message TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (chat_id, id)
);
CREATE INDEX IF NOT EXISTS tandem_chat_messages_order ON tandem_chat_messages (chat_id, position);
`;

export class SqlChatStore implements ChatStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly sql: SqlClient) {}

  private init(): Promise<void> {
    this.ready ??= this.sql.exec(SCHEMA);
    return this.ready;
  }

  async load(chatId: string): Promise<StoredMessage[]> {
    await this.init();
    const { rows } = await this.sql.query<{ id: string; role: string; message: string }>(
      "SELECT id, role, message FROM tandem_chat_messages WHERE chat_id = $1 ORDER BY position",
      [chatId],
    );
    return rows.map((r) => ({ id: r.id, role: r.role, json: r.message }));
  }

  async upsert(chatId: string, messages: readonly StoredMessage[], projectId?: string): Promise<void> {
    await this.init();
    await this.sql.transaction(async (tx) => {
      await ensureChat(tx, chatId, projectId);
      for (const m of messages) {
        await tx.query(
          `INSERT INTO tandem_chat_messages (chat_id, id, position, role, message)
           VALUES ($1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM tandem_chat_messages WHERE chat_id = $1), $3, $4)
           ON CONFLICT (chat_id, id) DO UPDATE SET role = EXCLUDED.role, message = EXCLUDED.message, updated_at = now()`,
          [chatId, m.id, m.role, m.json],
        );
      }
    });
  }

  async replace(chatId: string, messages: readonly StoredMessage[], projectId?: string): Promise<void> {
    await this.init();
    await this.sql.transaction(async (tx) => {
      await ensureChat(tx, chatId, projectId);
      await tx.query("DELETE FROM tandem_chat_messages WHERE chat_id = $1", [chatId]);
      for (const [position, m] of messages.entries())
        await tx.query(
          "INSERT INTO tandem_chat_messages (chat_id, id, position, role, message) VALUES ($1, $2, $3, $4, $5)",
          [chatId, m.id, position, m.role, m.json],
        );
    });
  }

  async delete(chatId: string): Promise<void> {
    await this.init();
    await this.sql.query("DELETE FROM tandem_chats WHERE id = $1", [chatId]);
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

async function ensureChat(tx: Pick<SqlClient, "query">, chatId: string, projectId: string | undefined): Promise<void> {
  await tx.query(
    `INSERT INTO tandem_chats (id, project_id) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET updated_at = now(), project_id = COALESCE(EXCLUDED.project_id, tandem_chats.project_id)`,
    [chatId, projectId ?? null],
  );
}
