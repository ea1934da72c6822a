// One implementation for both databases: the schema and queries are plain PostgreSQL, run by PGlite (embedded, the
// default) or by node-postgres (DATABASE_URL). Every write is one transaction of at most three statements, whatever
// the number of messages (arrays through unnest), and bumps the chat's version.
import type { ChatHistory, ChatStore, ChatVersion, SqlClient, StoredMessage, WriteOptions, WriteResult } from "./types";

export const SCHEMA = `
-- Several app instances may start at once on one PostgreSQL: one creates the schema, the others wait.
SELECT pg_advisory_xact_lock(7406001);
-- Versions come from one sequence, so a version is never reused (not even by a chat deleted and created again).
CREATE SEQUENCE IF NOT EXISTS tandem_chat_versions;
CREATE TABLE IF NOT EXISTS tandem_chats (
  id TEXT PRIMARY KEY,
  project_id TEXT,
  version BIGINT NOT NULL DEFAULT nextval('tandem_chat_versions'),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Databases created before versions existed.
ALTER TABLE tandem_chats ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT nextval('tandem_chat_versions');
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

type Tx = Pick<SqlClient, "query">;

export class SqlChatStore implements ChatStore {
  private ready: Promise<void> | null = null;

  constructor(private readonly sql: SqlClient) {}

  get shared(): boolean {
    return this.sql.shared;
  }

  private init(): Promise<void> {
    this.ready ??= this.sql.exec(SCHEMA);
    return this.ready;
  }

  async load(chatId: string): Promise<ChatHistory> {
    await this.init();
    // One statement, so the version and the messages come from the same snapshot.
    const { rows } = await this.sql.query<{ version: unknown; id: string | null; role: string | null; message: string | null }>(
      `SELECT c.version, m.id, m.role, m.message FROM tandem_chats c
       LEFT JOIN tandem_chat_messages m ON m.chat_id = c.id WHERE c.id = $1 ORDER BY m.position`,
      [chatId],
    );
    const messages: StoredMessage[] = [];
    for (const r of rows) if (r.id !== null && r.role !== null && r.message !== null) messages.push({ id: r.id, role: r.role, json: r.message });
    return { version: rows.length ? Number(rows[0]!.version) : 0, messages };
  }

  async version(chatId: string): Promise<ChatVersion> {
    await this.init();
    const { rows } = await this.sql.query<{ version: unknown }>("SELECT version FROM tandem_chats WHERE id = $1", [chatId]);
    return rows.length ? Number(rows[0]!.version) : 0;
  }

  async upsert(chatId: string, messages: readonly StoredMessage[], options: WriteOptions = {}): Promise<WriteResult> {
    await this.init();
    const batch = lastOfEachId(messages);
    return this.sql.transaction(async (tx) => {
      const version = await bump(tx, chatId, options);
      if (version === null) return { ok: false, reason: "conflict" } as const;
      // New messages go after the last one (gaps in positions are fine: only the order matters); existing ones stay.
      if (batch.length)
        await tx.query(
          `INSERT INTO tandem_chat_messages (chat_id, id, position, role, message)
           SELECT $1, m.id, base.p + m.n, m.role, m.message
           FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS m(id, role, message, n),
                (SELECT COALESCE(MAX(position), -1) AS p FROM tandem_chat_messages WHERE chat_id = $1) AS base
           ON CONFLICT (chat_id, id) DO UPDATE SET role = EXCLUDED.role, message = EXCLUDED.message, updated_at = now()`,
          [chatId, ...columns(batch)],
        );
      return { ok: true, version } as const;
    });
  }

  async replace(chatId: string, messages: readonly StoredMessage[], options: WriteOptions = {}): Promise<WriteResult> {
    await this.init();
    return this.sql.transaction(async (tx) => {
      const version = await bump(tx, chatId, options);
      if (version === null) return { ok: false, reason: "conflict" } as const;
      await tx.query("DELETE FROM tandem_chat_messages WHERE chat_id = $1", [chatId]);
      if (messages.length)
        await tx.query(
          `INSERT INTO tandem_chat_messages (chat_id, id, position, role, message)
           SELECT $1, m.id, m.n - 1, m.role, m.message
           FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS m(id, role, message, n)`,
          [chatId, ...columns(messages)],
        );
      return { ok: true, version } as const;
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

/**
 * Creates the chat or moves it to a new version, first thing in the transaction: the row lock it takes orders
 * concurrent writers to one chat (PostgreSQL). Null when `expectedVersion` no longer holds: nothing was written.
 */
async function bump(tx: Tx, chatId: string, { projectId, expectedVersion }: WriteOptions): Promise<ChatVersion | null> {
  const params = [chatId, projectId ?? null];
  const { rows } =
    expectedVersion === undefined
      ? await tx.query<{ version: unknown }>(
          `INSERT INTO tandem_chats (id, project_id) VALUES ($1, $2)
           ON CONFLICT (id) DO UPDATE SET version = nextval('tandem_chat_versions'), updated_at = now(),
             project_id = COALESCE(EXCLUDED.project_id, tandem_chats.project_id)
           RETURNING version`,
          params,
        )
      : expectedVersion === 0
        ? await tx.query<{ version: unknown }>(
            "INSERT INTO tandem_chats (id, project_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING version",
            params,
          )
        : await tx.query<{ version: unknown }>(
            `UPDATE tandem_chats SET version = nextval('tandem_chat_versions'), updated_at = now(),
               project_id = COALESCE($2, project_id)
             WHERE id = $1 AND version = $3 RETURNING version`,
            [...params, expectedVersion],
          );
  return rows.length ? Number(rows[0]!.version) : null;
}

function columns(messages: readonly StoredMessage[]): [string[], string[], string[]] {
  return [messages.map((m) => m.id), messages.map((m) => m.role), messages.map((m) => m.json)];
}

/** One statement cannot touch a row twice. A repeated id keeps its first place and its last content, as upserting the
 * messages one by one would. */
function lastOfEachId(messages: readonly StoredMessage[]): StoredMessage[] {
  const byId = new Map<string, StoredMessage>();
  for (const m of messages) byId.set(m.id, m);
  return [...byId.values()];
}
