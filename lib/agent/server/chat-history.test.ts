// ChatHistories over a real store (PGlite, and PostgreSQL at 127.0.0.1:5432 as in sql-store.test.ts): copies are used
// only while the store agrees, several instances on one store stay consistent, a stale instance never overwrites newer
// data, and a lost history still recovers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, postgresClient, SqlChatStore } from "@/lib/chat-store";
import type { ChatStore } from "@/lib/chat-store/types";
import type { AgentUIMessage, ChatRequest } from "../protocol";
import { diffParts, partHashes } from "../sync";
import { ChatHistories, type Reconciled } from "./chat-history";

const pgUrl = process.env.TANDEM_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const engines: Array<[string, () => Promise<SqlChatStore>]> = [["PGlite", async () => new SqlChatStore(await pgliteClient())]];
if (pgUrl !== "skip") engines.push(["PostgreSQL", async () => new SqlChatStore(await postgresClient(pgUrl))]);

/** The store, counting calls (and optionally failing writes). */
function counted(store: ChatStore) {
  const calls = { load: 0, version: 0, upsert: 0, replace: 0 }; // version: head() calls
  let failWrites = 0;
  const wrapped: ChatStore = {
    shared: store.shared,
    load: (id) => (calls.load++, store.load(id)),
    head: (id) => (calls.version++, store.head(id)),
    upsert: async (id, m, o) => {
      calls.upsert++;
      if (failWrites-- > 0) throw new Error("database went away");
      return store.upsert(id, m, o);
    },
    replace: (id, m, o) => (calls.replace++, store.replace(id, m, o)),
    delete: (id) => store.delete(id),
    sweep: (p) => store.sweep(p),
    close: () => store.close(),
  };
  return { store: wrapped, calls, failNextWrites: (n: number) => (failWrites = n) };
}

const user = (id: string, text = id): AgentUIMessage => ({ id, role: "user", parts: [{ type: "text", text }] });
const assistant = (id: string, text: string): AgentUIMessage => ({ id, role: "assistant", parts: [{ type: "text", text }] });
const request = (chatId: string, anchor: string | null, messages: AgentUIMessage[]): ChatRequest => ({
  chatId,
  anchor,
  messages: messages as ChatRequest["messages"],
});
const chat = () => `chat-${Math.random().toString(36).slice(2)}`;
const SECRET = "s".repeat(43);
const ids = (messages: readonly AgentUIMessage[]) => messages.map((m) => m.id);

function ok(result: Reconciled) {
  if (!result.ok) throw new Error(`expected a history, got ${result.code}`);
  return result;
}

/** One model step the way the service runs it: reconcile, then commit the answer once the stream has ended. */
async function step(histories: ChatHistories, req: ChatRequest, answer: AgentUIMessage) {
  const result = ok(await histories.reconcile(req, SECRET));
  await result.turn.commit(answer);
  return result.messages;
}

describe.each(engines)("ChatHistories on %s", (_name, open) => {
  let sql: SqlChatStore;
  beforeAll(async () => {
    sql = await open();
  }, 60_000);
  afterAll(() => sql?.close());

  it("serves a continuing chat from its copy: one version check per step, no reload, everything in the store", async () => {
    const { store, calls } = counted(sql);
    const histories = new ChatHistories(store, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "step 1"));
    // The tool loop: the same assistant message comes back with more in it, anchored on the user message.
    await step(histories, request(id, "u1", [assistant("a1", "step 1 + output")]), assistant("a1", "step 2"));
    const seen = await step(histories, request(id, "a1", [user("u2")]), assistant("a2", "answer"));
    expect(ids(seen)).toEqual(["u1", "a1", "u2"]);
    expect(seen[1]).toEqual(assistant("a1", "step 2"));
    expect(calls.load).toBe(0); // a new chat's whole upload needs no read of messages, and the copy served the rest
    expect(calls.version).toBe(3); // whose chat it is (the whole upload), then one check per step
    const stored = await sql.load(id);
    expect(stored.messages.map((m) => JSON.parse(m.json) as AgentUIMessage)).toEqual([user("u1"), assistant("a1", "step 2"), user("u2"), assistant("a2", "answer")]);
  });

  it("keeps two instances on one store consistent, whichever gets each request", async () => {
    const a = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const b = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    await step(a, request(id, null, [user("u1")]), assistant("a1", "from A"));
    expect(ids(await step(b, request(id, "a1", [user("u2")]), assistant("a2", "from B")))).toEqual(["u1", "a1", "u2"]);
    // A's copy is now stale: it notices (version) and reads the store instead of answering from memory.
    const third = await step(a, request(id, "a2", [user("u3")]), assistant("a3", "from A again"));
    expect(ids(third)).toEqual(["u1", "a1", "u2", "a2", "u3"]);
    expect(third[3]).toEqual(assistant("a2", "from B"));
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "a2", "u3", "a3"]);
  });

  it("never lets a stale instance write over newer data", async () => {
    const logs: string[] = [];
    const a = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false, log: (m) => logs.push(m) });
    const b = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    await step(a, request(id, null, [user("u1")]), assistant("a1", "v1"));
    const slow = ok(await a.reconcile(request(id, "a1", [user("u2")]), SECRET));
    await slow.turn.commit(null); // A stores the upload (as it does when a step ends without an answer)
    // Meanwhile the browser, having given up on A, sent the same message to B, which answered.
    await step(b, request(id, "a1", [user("u2", "u2 again")]), assistant("a2", "from B"));
    await slow.turn.commit(assistant("a2", "late answer from A"));
    const stored = (await sql.load(id)).messages.map((m) => JSON.parse(m.json) as AgentUIMessage);
    expect(stored.at(-1)).toEqual(assistant("a2", "from B"));
    expect(logs.join("\n")).toMatch(/another request changed it first/);
    // A forgot its copy and reads the store next time.
    expect(ids(ok(await a.reconcile(request(id, "a2", [user("u3")]), SECRET)).messages)).toEqual(["u1", "a1", "u2", "a2", "u3"]);
  });

  it("after a restart reads the store; without the anchor it asks for everything, then recovers", async () => {
    const id = chat();
    await step(new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false }), request(id, null, [user("u1")]), assistant("a1", "hello"));
    const restarted = counted(sql);
    const fresh = new ChatHistories(restarted.store, { maxChars: 1_000_000, exclusive: false });
    expect(ids(ok(await fresh.reconcile(request(id, "a1", [user("u2")]), SECRET)).messages)).toEqual(["u1", "a1", "u2"]);
    expect(restarted.calls.load).toBe(1);

    const lost = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    expect(await lost.reconcile(request(chat(), "a-gone", [user("u9")]), SECRET)).toEqual({ ok: false, code: "history-missing" });
    const other = chat();
    const whole = [user("u1"), assistant("a-gone", "hi"), user("u9")];
    expect(ids(await step(lost, request(other, null, whole), assistant("a9", "back")))).toEqual(["u1", "a-gone", "u9"]);
    expect((await sql.load(other)).messages.map((m) => m.id)).toEqual(["u1", "a-gone", "u9", "a9"]);
  });

  it("drops its copy when a write fails, so the next request reads what the store really has", async () => {
    const { store, calls, failNextWrites } = counted(sql);
    const logs: string[] = [];
    const histories = new ChatHistories(store, { maxChars: 1_000_000, exclusive: false, log: (m) => logs.push(m) });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "hi"));
    failNextWrites(1);
    const failed = ok(await histories.reconcile(request(id, "a1", [user("u2")]), SECRET));
    await failed.turn.commit(assistant("a2", "not saved"));
    expect(logs).toHaveLength(1);
    expect(calls.upsert).toBe(1);
    expect(await histories.reconcile(request(id, "a2", [user("u3")]), SECRET)).toEqual({ ok: false, code: "history-missing" });
    expect(calls.load).toBe(1);
  });

  it("works with no copies at all (TANDEM_HISTORY_CACHE_MB=0): every step reads the store", async () => {
    const { store, calls } = counted(sql);
    const histories = new ChatHistories(store, { maxChars: 0, exclusive: false });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "one"));
    await step(histories, request(id, "u1", [assistant("a1", "one + output")]), assistant("a1", "two"));
    expect(ids(await step(histories, request(id, "a1", [user("u2")]), assistant("a2", "three")))).toEqual(["u1", "a1", "u2"]);
    expect(calls.load).toBe(2);
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("writes nothing until the step ends, then the upload and the answer in one write", async () => {
    const { store, calls } = counted(sql);
    const histories = new ChatHistories(store, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    const first = ok(await histories.reconcile(request(id, null, [user("u1")]), SECRET));
    expect(calls.replace + calls.upsert).toBe(0);
    expect((await sql.head(id)).version).toBe(0);
    await first.turn.commit(assistant("a1", "hi"));
    expect(calls.replace).toBe(1);
    await step(histories, request(id, "a1", [user("u2")]), assistant("a2", "again"));
    expect(calls.upsert).toBe(1);
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("keeps an upload whose step failed before its end, and saves it with the next step", async () => {
    const histories = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "hi"));
    ok(await histories.reconcile(request(id, "a1", [user("u2")]), SECRET)); // the model call failed: no commit
    await step(histories, request(id, "u2", [user("u3")]), assistant("a3", "back"));
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "u3", "a3"]);
  });

  it("exclusive (PGlite: no other process): trusts its copies, writes a tool loop's steps together, off the request path", async () => {
    const { store, calls } = counted(sql);
    const histories = new ChatHistories(store, { maxChars: 1_000_000, exclusive: true, writeDelayMs: 60_000 });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "step 1"));
    await step(histories, request(id, "u1", [assistant("a1", "step 1 + output")]), assistant("a1", "step 2"));
    const seen = await step(histories, request(id, "u1", [assistant("a1", "step 2 + output")]), assistant("a1", "step 3"));
    expect(seen[1]).toEqual(assistant("a1", "step 2 + output"));
    // Three steps: one look at whose chat it is (the whole upload), no reads, nothing written yet (the write waits up
    // to writeDelayMs).
    expect(calls).toEqual({ load: 0, version: 1, upsert: 0, replace: 0 });
    expect((await sql.load(id)).messages).toEqual([]);
    await histories.idle(id); // writes now
    expect(calls.replace + calls.upsert).toBe(1);
    expect((await sql.load(id)).messages.map((m) => JSON.parse(m.json) as AgentUIMessage)).toEqual([user("u1"), assistant("a1", "step 3")]);
    // Later steps are conditional upserts on the version just written, coalesced the same way.
    await step(histories, request(id, "a1", [user("u2")]), assistant("a2", "answer"));
    await step(histories, request(id, "u2", [assistant("a2", "answer + output")]), assistant("a2", "answer 2"));
    await histories.idle(id);
    expect(calls.upsert).toBe(1);
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("exclusive: a request that comes while its chat is being written builds on that write (no conflict, nothing lost)", async () => {
    const logs: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const slow: ChatStore = { ...counted(sql).store, upsert: async (id, m, o) => (gated && (await gate), sql.upsert(id, m, o)) };
    const histories = new ChatHistories(slow, { maxChars: 1_000_000, exclusive: true, writeDelayMs: 0, log: (m) => logs.push(m) });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "step 1"));
    await histories.idle(id); // in the store: the next writes are conditional upserts
    gated = true;
    await step(histories, request(id, "u1", [assistant("a1", "step 1 + output")]), assistant("a1", "step 2"));
    await new Promise((r) => setTimeout(r, 5)); // that write has started and waits at the gate
    await step(histories, request(id, "u1", [assistant("a1", "step 2 + output")]), assistant("a1", "step 3"));
    release();
    await histories.idle(id);
    expect(logs).toEqual([]);
    expect((await sql.load(id)).messages.map((m) => JSON.parse(m.json) as AgentUIMessage)).toEqual([user("u1"), assistant("a1", "step 3")]);
  });

  it("exclusive: writes on its own after writeDelayMs, and a copy it cannot keep is written at once and read back", async () => {
    const { store, calls } = counted(sql);
    const histories = new ChatHistories(store, { maxChars: 1_000_000, exclusive: true, writeDelayMs: 20 });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "hi"));
    await expect.poll(async () => (await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1"]);
    // No cache at all: every step is written straight away, and the next request reads it back after that write.
    const uncached = new ChatHistories(store, { maxChars: 0, exclusive: true, writeDelayMs: 60_000 });
    const other = chat();
    await step(uncached, request(other, null, [user("u1")]), assistant("a1", "one"));
    const next = ok(await uncached.reconcile(request(other, "a1", [user("u2")]), SECRET));
    expect(ids(next.messages)).toEqual(["u1", "a1", "u2"]);
    expect(calls.load).toBe(1);
  });

  it("answers a failing store with a value, and the chat works again once the store is back", async () => {
    const logs: string[] = [];
    let down = true;
    const flaky: ChatStore = {
      ...counted(sql).store,
      head: (id) => (down ? Promise.reject(new Error("connection refused")) : sql.head(id)),
      load: (id) => (down ? Promise.reject(new Error("connection refused")) : sql.load(id)),
    };
    const histories = new ChatHistories(flaky, { maxChars: 1_000_000, exclusive: false, log: (m) => logs.push(m) });
    const id = chat();
    down = false;
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "hi"));
    down = true;
    expect(await histories.reconcile(request(chat(), null, [user("u1")]), SECRET)).toEqual({ ok: false, code: "store-unavailable" });
    expect(await histories.reconcile(request(id, "a1", [user("u2")]), SECRET)).toEqual({ ok: false, code: "store-unavailable" });
    expect(logs.join("\n")).toMatch(/connection refused/);
    down = false;
    expect(ids(ok(await histories.reconcile(request(id, "a1", [user("u2")]), SECRET)).messages)).toEqual(["u1", "a1", "u2"]);
  });

  it("by default waits for the write when other processes may read the store", async () => {
    const shared: ChatStore = { ...counted(sql).store, shared: true };
    const histories = new ChatHistories(shared, { maxChars: 1_000_000 });
    const id = chat();
    const first = ok(await histories.reconcile(request(id, null, [user("u1")]), SECRET));
    await first.turn.commit(assistant("a1", "hi"));
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1"]);
  });

  it("uses a chat's history only with its secret: missing or wrong → forbidden, nothing read into a request or written", async () => {
    for (const exclusive of [false, true]) {
      const histories = new ChatHistories(sql, { maxChars: 1_000_000, exclusive, writeDelayMs: 0 });
      const id = chat();
      await step(histories, request(id, null, [user("u1")]), assistant("a1", "private"));
      await histories.idle(id);
      expect(await histories.reconcile(request(id, "a1", [user("u2")]), undefined)).toEqual({ ok: false, code: "forbidden", why: "missing" });
      const other = "o".repeat(43);
      expect(await histories.reconcile(request(id, "a1", [user("u2")]), other)).toEqual({ ok: false, code: "forbidden", why: "wrong" });
      // Overwriting with a whole upload is refused too, by this instance and by a fresh one that has no copy.
      expect(await histories.reconcile(request(id, null, [user("mine now")]), other)).toEqual({ ok: false, code: "forbidden", why: "wrong" });
      const fresh = new ChatHistories(sql, { maxChars: 1_000_000, exclusive });
      expect(await fresh.reconcile(request(id, "a1", [user("u2")]), other)).toEqual({ ok: false, code: "forbidden", why: "wrong" });
      expect(await fresh.reconcile(request(id, null, [user("mine now")]), other)).toEqual({ ok: false, code: "forbidden", why: "wrong" });
      expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1"]);
      expect(ids(ok(await fresh.reconcile(request(id, "a1", [user("u2")]), SECRET)).messages)).toEqual(["u1", "a1", "u2"]);
    }
  });

  it("never reads a chat stored before secrets existed; the owner's whole upload replaces it and binds the secret", async () => {
    const id = chat();
    await sql.replace(id, [{ id: "u1", role: "user", json: JSON.stringify(user("u1", "old")) }]); // no secret: a legacy row
    const histories = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    expect(await histories.reconcile(request(id, "u1", [user("u2")]), SECRET)).toEqual({ ok: false, code: "history-missing" });
    await step(histories, request(id, null, [user("u1", "the browser's copy"), user("u2")]), assistant("a2", "hi"));
    expect((await sql.head(id)).secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await histories.reconcile(request(id, "a2", [user("u3")]), "x".repeat(43))).toEqual({ ok: false, code: "forbidden", why: "wrong" });
  });

  it("applies a patch to the parts it was made against, and asks for the message whole when they differ", async () => {
    const histories = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    const call = { type: "tool-list_files", toolCallId: "c1", state: "input-available", input: {} } as const;
    const streamed: AgentUIMessage = { id: "a1", role: "assistant", parts: [{ type: "step-start" }, call] as AgentUIMessage["parts"] };
    await step(histories, request(id, null, [user("u1")]), streamed);
    const known = partHashes(streamed);
    const done = { ...call, state: "output-available", output: { tree: "a.js", files: 1, truncated: false } };
    const patch = diffParts(known, [streamed.parts[0], done]);
    expect(patch?.set?.map((s) => s.at)).toEqual([1]);
    const patched = { id: "a1", role: "assistant", patch } as unknown as AgentUIMessage;
    const seen = ok(await histories.reconcile(request(id, "u1", [patched, user("u2")]), SECRET));
    expect(seen.messages[1]?.parts[1]).toEqual(done);
    expect(ids(seen.messages)).toEqual(["u1", "a1", "u2"]);
    await seen.turn.commit(null);
    expect(JSON.parse((await sql.load(id)).messages[1]!.json).parts[1]).toEqual(done);
    // The same patch again: the server's parts are no longer the ones it was made for.
    expect(await histories.reconcile(request(id, "u1", [patched]), SECRET)).toMatchObject({ ok: false, code: "history-diverged", id: "a1" });
    // A patch of a message the server does not hold there.
    expect(await histories.reconcile(request(id, "a1", [{ ...patched, id: "a9" } as AgentUIMessage]), SECRET)).toMatchObject({ ok: false, code: "history-diverged", id: "a9" });
  });

  it("refuses a chat over its size cap before any model call", async () => {
    const histories = new ChatHistories(sql, { maxChars: 1_000_000, maxChatChars: 2_000, exclusive: false });
    const id = chat();
    await step(histories, request(id, null, [user("u1", "small")]), assistant("a1", "ok"));
    const big = await histories.reconcile(request(id, "a1", [user("u2", "x".repeat(3_000))]), SECRET);
    expect(big).toMatchObject({ ok: false, code: "too-large", max: 2_000 });
  });

  it("runs requests for one chat one at a time, in arrival order", async () => {
    const histories = new ChatHistories(sql, { maxChars: 1_000_000, exclusive: false });
    const id = chat();
    await step(histories, request(id, null, [user("u1")]), assistant("a1", "hi"));
    // A double send: both anchored on a1. The second sees the first's upload, and neither is lost.
    const [first, second] = await Promise.all([histories.reconcile(request(id, "a1", [user("u2")]), SECRET), histories.reconcile(request(id, "u2", [user("u3")]), SECRET)]);
    expect(ids(ok(first).messages)).toEqual(["u1", "a1", "u2"]);
    expect(ids(ok(second).messages)).toEqual(["u1", "a1", "u2", "u3"]);
    await ok(second).turn.commit(null);
    expect((await sql.load(id)).messages.map((m) => m.id)).toEqual(["u1", "a1", "u2", "u3"]);
  });
});
