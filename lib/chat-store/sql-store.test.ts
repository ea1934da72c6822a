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
    await s.upsert(id, [msg("u1", "user", "hi")], "p1");
    await s.upsert(id, [msg("a1", "assistant", "step 1")]);
    await s.upsert(id, [msg("a1", "assistant", "step 1 + tool output")]);
    await s.upsert(id, [msg("u2", "user", "again")]);
    const rows = await s.load(id);
    expect(rows.map((r) => r.id)).toEqual(["u1", "a1", "u2"]);
    expect(JSON.parse(rows[1]!.json).parts[0].text).toBe("step 1 + tool output");
  });

  it("keeps message JSON byte for byte", async () => {
    const s = await store();
    const id = chat();
    const json = '{"z":1,"a":{"y":[1,2],"b":"ü"},"id":"m"}';
    await s.upsert(id, [{ id: "m", role: "user", json }]);
    expect((await s.load(id))[0]!.json).toBe(json);
  });

  it("replaces a whole history and deletes a chat", async () => {
    const s = await store();
    const id = chat();
    await s.upsert(id, [msg("x", "user", "old")]);
    await s.replace(id, [msg("u1", "user", "a"), msg("a1", "assistant", "b")]);
    expect((await s.load(id)).map((r) => r.id)).toEqual(["u1", "a1"]);
    await s.delete(id);
    expect(await s.load(id)).toEqual([]);
  });

  it("returns an empty history for an unknown chat", async () => {
    const s = await store();
    expect(await s.load(chat())).toEqual([]);
  });
});
