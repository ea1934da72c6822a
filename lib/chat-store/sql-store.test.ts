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

/** A store no other test uses while this one runs. PGlite: this file's own in-memory database (its tests run one at
 * a time), emptied; PostgreSQL, which other test files share: a fresh database, dropped afterwards. */
async function isolated(engine: string, shared: SqlChatStore): Promise<{ store: SqlChatStore; dispose: () => Promise<void> }> {
  if (engine === "PGlite") {
    await sqlOf(shared).query("DELETE FROM tandem_chats");
    return { store: shared, dispose: async () => {} };
  }
  const name = `tandem_test_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await postgresClient(pgUrl);
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const store = new SqlChatStore(await postgresClient(url.toString()));
  return {
    store,
    dispose: async () => {
      await store.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    },
  };
}

/** The SQL client under a store (tests only: to age rows). */
const sqlOf = (s: SqlChatStore) => (s as unknown as { sql: import("./types").SqlClient }).sql;

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
    expect(await s.load(id)).toEqual({ version: 0, secretHash: null, messages: [] });
  });

  it("returns an empty history for an unknown chat", async () => {
    const s = await store();
    expect(await s.load(chat())).toEqual({ version: 0, secretHash: null, messages: [] });
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
    expect((await s.head(id)).version).toBe(0);
    const first = await s.upsert(id, [msg("u1", "user", "hi")]);
    expect(first).toMatchObject({ ok: true });
    const v1 = first.ok ? first.version : -1;
    expect(v1).toBeGreaterThan(0);
    expect((await s.head(id)).version).toBe(v1);
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

  it("binds a chat to its secret hash: other writers conflict, a secret-less (older) chat is bound by a whole write", async () => {
    const s = await store();
    const id = chat();
    const mine = "a".repeat(64);
    const theirs = "b".repeat(64);
    const created = await s.replace(id, [msg("u1", "user", "hi")], { secretHash: mine });
    expect(created.ok).toBe(true);
    expect(await s.head(id)).toEqual({ version: created.ok ? created.version : -1, secretHash: mine });
    expect(await s.replace(id, [msg("x", "user", "overwrite")], { secretHash: theirs })).toEqual({ ok: false, reason: "conflict" });
    const v = (await s.head(id)).version;
    expect(await s.upsert(id, [msg("x", "user", "append")], { secretHash: theirs, expectedVersion: v })).toEqual({ ok: false, reason: "conflict" });
    expect((await s.load(id)).messages.map((m) => m.id)).toEqual(["u1"]);
    const legacy = chat();
    await s.replace(legacy, [msg("u1", "user", "old")]);
    expect((await s.head(legacy)).secretHash).toBeNull();
    await s.replace(legacy, [msg("u1", "user", "claimed")], { secretHash: mine });
    expect((await s.head(legacy)).secretHash).toBe(mine);
  });

  describe("retention", () => {
    // A store of its own (made in the hook: starting one takes a while on a loaded machine).
    let isolatedStore: { store: SqlChatStore; dispose: () => Promise<void> };
    beforeAll(async () => {
      isolatedStore = await isolated(_name, shared);
    }, 60_000);
    afterAll(() => isolatedStore?.dispose());

    it("deletes chats unused for the retention period, then the least recently used while over the store's cap", async () => {
      const s = isolatedStore.store;
      const big = (id: string) => s.replace(id, [msg("m", "user", "x".repeat(10_000))]);
      for (const id of ["old", "a", "b", "c"]) await big(id);
      await sqlOf(s).query("UPDATE tandem_chats SET updated_at = now() - interval '3 days' WHERE id = 'old'");
      await sqlOf(s).query("UPDATE tandem_chats SET updated_at = now() - interval '1 hour' WHERE id = 'a'");
      await sqlOf(s).query("UPDATE tandem_chats SET updated_at = now() - interval '1 minute' WHERE id = 'b'");
      expect(await s.sweep({ maxAgeDays: 2, maxStoreBytes: 0 })).toMatchObject({ expired: 1, evicted: 0 });
      expect((await s.head("old")).version).toBe(0);
      const one = (await s.sweep({ maxAgeDays: 0, maxStoreBytes: 0 })).bytes / 3;
      // Room for two and a half: the least recently used goes, down to 90 % of the cap.
      const result = await s.sweep({ maxAgeDays: 0, maxStoreBytes: Math.floor(one * 2.5) });
      expect(result).toMatchObject({ evicted: 1, bytes: Math.round(one * 2) });
      expect(await Promise.all(["a", "b", "c"].map(async (id) => (await s.head(id)).version > 0))).toEqual([false, true, true]);
    });
  });
});

describe("chat store schema", () => {
  // PGlite takes seconds to start on a loaded machine: in the hook, as above, not in the test.
  let sql: Awaited<ReturnType<typeof pgliteClient>>;
  beforeAll(async () => {
    sql = await pgliteClient();
  }, 60_000);

  it("adds versions to a database created before them", async () => {
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
