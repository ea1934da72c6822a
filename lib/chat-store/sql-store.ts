// One implementation for both databases: the schema and queries are plain PostgreSQL, run by PGlite (embedded, the
// default) or by node-postgres (DATABASE_URL). Every write is one transaction of at most four statements, whatever
// the number of messages (arrays through unnest), bumps the chat's version and keeps its byte count.
import type { ChatHead, ChatHistory, ChatStore, ChatVersion, RetentionPolicy, SqlClient, StoredMessage, SweepResult, WriteOptions, WriteResult } from "./types";

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
-- SHA-256 (hex) of the secret of the browser that created the chat; NULL for chats stored before secrets existed.
ALTER TABLE tandem_chats ADD COLUMN IF NOT EXISTS secret_hash TEXT;
-- Bytes of the chat's messages (the store's quota); 0 for chats stored before it was counted, until their next write.
ALTER TABLE tandem_chats ADD COLUMN IF NOT EXISTS bytes BIGINT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS tandem_chats_last_used ON tandem_chats (updated_at);
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
    const { rows } = await this.sql.query<{ version: unknown; secret_hash: string | null; id: string | null; role: string | null; message: string | null }>(
      `SELECT c.version, c.secret_hash, m.id, m.role, m.message FROM tandem_chats c
       LEFT JOIN tandem_chat_messages m ON m.chat_id = c.id WHERE c.id = $1 ORDER BY m.position`,
      [chatId],
    );
    const messages: StoredMessage[] = [];
    for (const r of rows) if (r.id !== null && r.role !== null && r.message !== null) messages.push({ id: r.id, role: r.role, json: r.message });
    return { version: rows.length ? Number(rows[0]!.version) : 0, secretHash: rows[0]?.secret_hash ?? null, messages };
  }

  async head(chatId: string): Promise<ChatHead> {
    await this.init();
    const { rows } = await this.sql.query<{ version: unknown; secret_hash: string | null }>("SELECT version, secret_hash FROM tandem_chats WHERE id = $1", [chatId]);
    return { version: rows.length ? Number(rows[0]!.version) : 0, secretHash: rows[0]?.secret_hash ?? null };
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
      await countBytes(tx, chatId);
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
      await countBytes(tx, chatId);
      return { ok: true, version } as const;
    });
  }

  async delete(chatId: string): Promise<void> {
    await this.init();
    await this.sql.query("DELETE FROM tandem_chats WHERE id = $1", [chatId]);
  }

  async sweep({ maxAgeDays, maxStoreBytes }: RetentionPolicy): Promise<SweepResult> {
    await this.init();
    let expired = 0;
    let evicted = 0;
    if (maxAgeDays > 0) {
      const { rows } = await this.sql.query<{ n: unknown }>(
        "WITH gone AS (DELETE FROM tandem_chats WHERE updated_at < now() - make_interval(secs => $1) RETURNING 1) SELECT count(*) AS n FROM gone",
        [maxAgeDays * 86_400],
      );
      expired = Number(rows[0]?.n ?? 0);
    }
    const total = async () => Number((await this.sql.query<{ b: unknown }>("SELECT COALESCE(SUM(bytes), 0) AS b FROM tandem_chats")).rows[0]?.b ?? 0);
    let bytes = await total();
    if (maxStoreBytes > 0 && bytes > maxStoreBytes) {
      // Keep the most recently used chats that fit in 90 % of the cap (room for the next writes before another sweep).
      const { rows } = await this.sql.query<{ n: unknown }>(
        `WITH ranked AS (SELECT id, SUM(bytes) OVER (ORDER BY updated_at DESC, id) AS running FROM tandem_chats),
              gone AS (DELETE FROM tandem_chats WHERE id IN (SELECT id FROM ranked WHERE running > $1) RETURNING 1)
         SELECT count(*) AS n FROM gone`,
        [Math.floor(maxStoreBytes * 0.9)],
      );
      evicted = Number(rows[0]?.n ?? 0);
      bytes = await total();
    }
    return { expired, evicted, bytes };
  }

  close(): Promise<void> {
    return this.sql.close();
  }
}

/** Keeps tandem_chats.bytes equal to the bytes of the chat's messages (one indexed scan of one chat's rows). */
async function countBytes(tx: Tx, chatId: string): Promise<void> {
  await tx.query(
    "UPDATE tandem_chats SET bytes = (SELECT COALESCE(SUM(octet_length(message)), 0) FROM tandem_chat_messages WHERE chat_id = $1) WHERE id = $1",
    [chatId],
  );
}

/**
 * Creates the chat or moves it to a new version, first thing in the transaction: the row lock it takes orders
 * concurrent writers to one chat (PostgreSQL). Null when `expectedVersion` no longer holds, or the chat has another
 * secret: nothing was written. An unconditional write binds its secret to a chat stored without one.
 */
async function bump(tx: Tx, chatId: string, { projectId, expectedVersion, secretHash }: WriteOptions): Promise<ChatVersion | null> {
  const params = [chatId, projectId ?? null, secretHash ?? null];
  const { rows } =
    expectedVersion === undefined
      ? await tx.query<{ version: unknown }>(
          `INSERT INTO tandem_chats (id, project_id, secret_hash) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET version = nextval('tandem_chat_versions'), updated_at = now(),
             project_id = COALESCE(EXCLUDED.project_id, tandem_chats.project_id),
             secret_hash = COALESCE(tandem_chats.secret_hash, EXCLUDED.secret_hash)
           WHERE $3::text IS NULL OR tandem_chats.secret_hash IS NULL OR tandem_chats.secret_hash = $3::text
           RETURNING version`,
          params,
        )
      : expectedVersion === 0
        ? await tx.query<{ version: unknown }>(
            "INSERT INTO tandem_chats (id, project_id, secret_hash) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING version",
            params,
          )
        : await tx.query<{ version: unknown }>(
            `UPDATE tandem_chats SET version = nextval('tandem_chat_versions'), updated_at = now(),
               project_id = COALESCE($2, project_id)
             WHERE id = $1 AND version = $4 AND ($3::text IS NULL OR secret_hash = $3::text) RETURNING version`,
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
