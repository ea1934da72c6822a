// The same tests against embedded PGlite and a real PostgreSQL (127.0.0.1:5432, database "test", trust auth; set
// TANDEM_TEST_DATABASE_URL to use another, or "skip" to leave PostgreSQL out).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, postgresClient } from "./clients";
import { SqlChatStore } from "./sql-store";
import type { StoredMessage } from "./types";

const pgUrl = process.env.TANDEM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const engines: Array<[string, () => Promise<SqlChatStore>]> = [["PGlite", async () => new SqlChatStore(await pgliteClient())]];
if (pgUrl !== "skip") engines.push(["PostgreSQL", async () => new SqlChatStore(await postgresClient(pgUrl))]);

const msg = (id: string, role: string, text: string): StoredMessage => ({
  id,
  role,
  json: JSON.stringify({ id, role, parts: [{ type: "text", text }] }),
});

describe.each(engines)("chat store on %s", (_name, open) => {
  // One database per engine (PGlite takes seconds to start); each test uses its own chat ids.
  let shared: SqlChatStore;
  const store = async () => shared;
  const chat = () => `chat-${Math.random().toString(36).slice(2)}`;
  beforeAll(async () => {
    shared = await open();
  }, 60_000);
  afterAll(() => shared?.close());

  it("appends new messages and upserts existing ones in place by id", async () => {
    const s = await store();
    const id = chat();
    await s.upsert(id, [msg("u1", "user", "hi")], { projectId: "p1" });
    await s.upsert(id, [msg("a1", "assistant", "step 1")]);
    await s.upsert(id, [msg("a1", "assistant", "step 1 + tool output")]);
    await s.upsert(id, [msg("u2", "user", "again")]);
    const rows = (await s.load(id)).messages;
    expect(rows.map((r) => r.id)).toEqual(["u1", "a1", "u2"]);
    expect(JSON.parse(rows[1]!.json).parts[0].text).toBe("step 1 + tool output");
  });

  it("keeps message JSON byte for byte", async () => {
    const s = await store();
    const id = chat();
    const json = '{"z":1,"a":{"y":[1,2],"b":"ü"},"id":"m"}';
    await s.upsert(id, [{ id: "m", role: "user", json }]);
    expect((await s.load(id)).messages[0]!.json).toBe(json);
  });

  it("replaces a whole history and deletes a chat", async () => {
    const s = await store();
    const id = chat();
    await s.upsert(id, [msg("x", "user", "old")]);
    await s.replace(id, [msg("u1", "user", "a"), msg("a1", "assistant", "b")]);
    expect((await s.load(id)).messages.map((r) => r.id)).toEqual(["u1", "a1"]);
    await s.delete(id);
    expect(await s.load(id)).toEqual({ version: 0, messages: [] });
  });

  it("returns an empty history for an unknown chat", async () => {
    const s = await store();
    expect(await s.load(chat())).toEqual({ version: 0, messages: [] });
  });

  it("writes many messages in one upsert, in order, the last of a repeated id winning in its first place", async () => {
    const s = await store();
    const id = chat();
    await s.upsert(id, [msg("u1", "user", "a")]);
    await s.upsert(id, [msg("a1", "assistant", "b"), msg("u2", "user", "c"), msg("a1", "assistant", "b2"), msg("u1", "user", "a2")]);
    const rows = (await s.load(id)).messages;
    expect(rows.map((r) => [r.id, JSON.parse(r.json).parts[0].text])).toEqual([["u1", "a2"], ["a1", "b2"], ["u2", "c"]]);
    const many = Array.from({ length: 300 }, (_, i) => msg(`m${i}`, i % 2 ? "assistant" : "user", `text ${i} ü \\ '"`));
    await s.replace(id, many);
    expect((await s.load(id)).messages).toEqual(many);
  });

  it("moves a chat to a new, never reused version on every write, readable without loading the messages", async () => {
    const s = await store();
    const id = chat();
    expect(await s.version(id)).toBe(0);
    const first = await s.upsert(id, [msg("u1", "user", "hi")]);
    expect(first).toMatchObject({ ok: true });
    const v1 = first.ok ? first.version : -1;
    expect(v1).toBeGreaterThan(0);
    expect(await s.version(id)).toBe(v1);
    expect((await s.load(id)).version).toBe(v1);
    const second = await s.upsert(id, [msg("a1", "assistant", "hello")]);
    const v2 = second.ok ? second.version : -1;
    expect(v2).toBeGreaterThan(v1);
    await s.delete(id);
    const again = await s.replace(id, [msg("u1", "user", "hi")]);
    expect(again.ok && again.version).toBeGreaterThan(v2); // a recreated chat never matches an old copy
  });

  it("writes conditionally: a stale expected version writes nothing and says so", async () => {
    const s = await store();
    const id = chat();
    const created = await s.upsert(id, [msg("u1", "user", "hi")], { expectedVersion: 0 });
    expect(created.ok).toBe(true);
    const v1 = created.ok ? created.version : -1;
    expect(await s.upsert(id, [msg("x", "user", "again")], { expectedVersion: 0 })).toEqual({ ok: false, reason: "conflict" });
    const next = await s.upsert(id, [msg("a1", "assistant", "hello")], { expectedVersion: v1 });
    expect(next.ok).toBe(true);
    // Another writer got there first: the stale writer changes nothing.
    expect(await s.upsert(id, [msg("a1", "assistant", "stale")], { expectedVersion: v1 })).toEqual({ ok: false, reason: "conflict" });
    expect(await s.replace(id, [], { expectedVersion: v1 })).toEqual({ ok: false, reason: "conflict" });
    const loaded = await s.load(id);
    expect(loaded.version).toBe(next.ok ? next.version : -1);
    expect(loaded.messages.map((m) => JSON.parse(m.json).parts[0].text)).toEqual(["hi", "hello"]);
  });

  it("orders concurrent conditional writers: exactly one of them wins", async () => {
    const s = await store();
    const id = chat();
    const created = await s.upsert(id, [msg("u1", "user", "hi")]);
    const v = created.ok ? created.version : -1;
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => s.upsert(id, [msg(`a${i}`, "assistant", `w${i}`)], { expectedVersion: v })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await s.load(id)).messages).toHaveLength(2);
  });
});

describe("chat store schema", () => {
  it("adds versions to a database created before them", async () => {
    const sql = await pgliteClient();
    await sql.exec(`CREATE TABLE tandem_chats (id TEXT PRIMARY KEY, project_id TEXT, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now());
      CREATE TABLE tandem_chat_messages (chat_id TEXT NOT NULL REFERENCES tandem_chats(id) ON DELETE CASCADE, id TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, message TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (chat_id, id));
      INSERT INTO tandem_chats (id) VALUES ('old');
      INSERT INTO tandem_chat_messages (chat_id, id, position, role, message) VALUES ('old', 'u1', 0, 'user', '{}');`);
    const s = new SqlChatStore(sql);
    const loaded = await s.load("old");
    expect(loaded.messages.map((m) => m.id)).toEqual(["u1"]);
    expect(loaded.version).toBeGreaterThan(0);
    await s.close();
  });
});
