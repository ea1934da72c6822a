// The chat service against the real @ai-sdk/xai provider talking to the local xAI stand-in (e2e/support/xai-server),
// with the store on in-memory PGlite: the loop, history upsert and recovery, prefix stability and the cache key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, SqlChatStore } from "@/lib/chat-store";
import { startXaiServer, step, httpError, type XaiServer } from "@/e2e/support/xai-server";
import { parseAgentError } from "../errors";
import type { AgentUIMessage, ChatRequest } from "../protocol";
import { ChatHistories } from "./chat-history";
import { handleChat, historiesFor } from "./chat-service";
import { chatHeaders, readChatResponse } from "./chat-response.test-support";
import { ServerCopy } from "../client/server-copy";
import { partHashes } from "../sync";

let xai: XaiServer;
let store: SqlChatStore;
beforeAll(async () => {
  xai = await startXaiServer();
  store = new SqlChatStore(await pgliteClient());
}, 60_000);
afterAll(async () => {
  await xai?.close();
  await store?.close();
});

const env = () => ({ XAI_BASE_URL: xai.url, TANDEM_MODEL: "grok-4.3" });

async function send(scenario: string, body: unknown, histories?: ChatHistories, options: { secret?: string | null; continuing?: AgentUIMessage } = {}) {
  const headers = chatHeaders(`xai-test-${scenario}`, options.secret === undefined ? undefined : options.secret);
  // Through JSON, as the route gets it (undefined fields vanish); a string is the body's JSON text.
  const response = await handleChat(JSON.parse(typeof body === "string" ? body : JSON.stringify(body)), headers, new AbortController().signal, { store, env: env(), ...(histories ? { histories } : {}) });
  return readChatResponse(response, options.continuing);
}

const user = (id: string, text: string): ChatRequest["messages"][number] => ({ id, role: "user", parts: [{ type: "text", text }] });

describe("chat service", () => {
  it("runs a tool step, then continues the same assistant message with the tool output", async () => {
    xai.setScenario("loop", {
      responses: [
        step({ reasoning: "Look at the files first.", toolCalls: [{ name: "list_files", args: {} }], usage: { input: 900, cached: 0, output: 20, costTicks: 1_000_000 } }),
        step({ text: "There is one file.", usage: { input: 1000, cached: 896, output: 8 } }),
      ],
    });
    const first = await send("loop", { chatId: "c-loop", anchor: null, messages: [user("u1", "What is here?")] });
    expect(first.status).toBe(200);
    const assistant = first.message!;
    const toolPart = assistant.parts.find((p) => p.type === "tool-list_files");
    expect(toolPart).toMatchObject({ state: "input-available", input: {} });
    expect(first.usage[0]).toMatchObject({ inputTokens: 900, costUsd: 0.0001, costSource: "provider" });

    // The browser ran the tool; it sends the same assistant message (same id) with the output, anchored on u1.
    const withOutput = {
      ...assistant,
      parts: assistant.parts.map((p) => (p.type === "tool-list_files" ? { ...p, state: "output-available", output: { tree: "a.js (1 B)", files: 1, truncated: false } } : p)),
    } as ChatRequest["messages"][number];
    const second = await send("loop", { chatId: "c-loop", anchor: "u1", messages: [withOutput] });
    expect(second.message?.id).toBe(assistant.id);
    expect(second.usage[0]).toMatchObject({ cachedInputTokens: 896, costSource: "price-table" });

    await historiesFor(store, env()).idle("c-loop");
    const stored = (await store.load("c-loop")).messages;
    expect(stored.map((m) => m.id)).toEqual(["u1", assistant.id]); // upserted, not duplicated

    const [r1, r2] = xai.requests("loop");
    expect(r1!.body.prompt_cache_key).toBe("c-loop");
    expect(r2!.body.prompt_cache_key).toBe("c-loop");
    expect(r2!.body.instructions).toBe(r1!.body.instructions);
    expect(JSON.stringify(r2!.body.tools)).toBe(JSON.stringify(r1!.body.tools));
    const in1 = r1!.body.input as unknown[];
    const in2 = r2!.body.input as unknown[];
    expect(in2.slice(0, in1.length)).toEqual(in1); // step 2 extends step 1 byte for byte
    expect(JSON.stringify(in2.slice(0, in1.length))).toBe(JSON.stringify(in1));
    expect(JSON.stringify(in2)).toContain("function_call_output");
    expect(JSON.stringify(in2).match(/"type":"function_call"/g)).toHaveLength(1);
  });

  it("gives the model the same bytes from its copy of the history as from the store", async () => {
    const run = async (scenario: string, histories: ChatHistories) => {
      xai.setScenario(scenario, {
        responses: [
          step({ reasoning: "Look.", toolCalls: [{ name: "read_file", args: { path: "a.js" }, callId: "call-1" }] }),
          step({ text: "Done." }),
          step({ text: "Again." }),
        ],
      });
      const first = (await send(scenario, { chatId: `c-${scenario}`, anchor: null, messages: [user("u1", "Read a.js")] }, histories)).message!;
      const withOutput = {
        ...first,
        parts: first.parts.map((p) => (p.type === "tool-read_file" ? { ...p, state: "output-available", output: { path: "a.js", content: "1\tx", startLine: 1, endLine: 1, totalLines: 1, truncated: false } } : p)),
      } as ChatRequest["messages"][number];
      const second = (await send(scenario, { chatId: `c-${scenario}`, anchor: "u1", messages: [withOutput] }, histories)).message!;
      await send(scenario, { chatId: `c-${scenario}`, anchor: second.id, messages: [user("u2", "And again?")] }, histories);
      // Ids generated per response differ between the two runs; everything else must not.
      return xai.requests(scenario).map((r) => JSON.stringify(r.body.input).replace(/(rs|msg|fc|call|resp)_\d+/g, "$1_N").replace(/"id":"[A-Za-z0-9]{16}"/g, '"id":"X"'));
    };
    const cached = await run("copy-cached", new ChatHistories(store, { maxChars: 10_000_000 }));
    const uncached = await run("copy-uncached", new ChatHistories(store, { maxChars: 0 }));
    expect(cached).toHaveLength(3);
    expect(cached[2]).toMatch(/function_call_output.*Done\..*And again\?/);
    expect(cached).toEqual(uncached);
  });

  it("asks for the whole history when it lost it, then recovers", async () => {
    xai.setScenario("lost", { responses: [step({ text: "Still here." })] });
    const lost = await send("lost", { chatId: "c-lost", anchor: "a-gone", messages: [user("u9", "and now?")] });
    expect(lost.status).toBe(409);
    expect(lost.json).toMatchObject({ code: "history-missing" });
    const full = await send("lost", {
      chatId: "c-lost",
      anchor: null,
      messages: [user("u1", "hi"), { id: "a-gone", role: "assistant", parts: [{ type: "text", text: "hello" }] }, user("u9", "and now?")],
    });
    expect(full.status).toBe(200);
    await historiesFor(store, env()).idle("c-lost");
    expect((await store.load("c-lost")).messages.map((m) => m.id)).toEqual(["u1", "a-gone", "u9", full.message!.id]);
  });

  it("reports a 429 with retry-after as a clear error", async () => {
    xai.setScenario("limited", { responses: [httpError(429, "Too many requests", { "retry-after": "7" })] });
    const res = await send("limited", { chatId: "c-429", anchor: null, messages: [user("u1", "hi")] });
    expect(res.errors).toHaveLength(1);
    expect(parseAgentError(res.errors[0])).toMatchObject({ code: "rate-limited", retryAfter: 7, status: 429 });
  });

  it("passes tool input errors through unchanged (the model reads them as tool results)", async () => {
    xai.setScenario("unknown-tool", { responses: [step({ toolCalls: [{ name: "delete_everything", args: {} }] })] });
    const res = await send("unknown-tool", { chatId: "c-unknown", anchor: null, messages: [user("u1", "go")] });
    const part = res.message?.parts.find((p) => "errorText" in p) as { errorText?: string } | undefined;
    expect(part?.errorText).toMatch(/delete_everything/);
    expect(part?.errorText?.startsWith("{")).toBe(false);
  });

  it("says exactly what to set when no key is configured", async () => {
    const response = await handleChat({ chatId: "c", anchor: null, messages: [user("u", "x")] }, chatHeaders(), new AbortController().signal, { store, env: {} });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "no-model", message: expect.stringMatching(/XAI_API_KEY/) });
  });

  it("says what it stored: the browser's hashes of the streamed message match, so the next steps upload only what is new", async () => {
    const listing = () => step({ toolCalls: [{ name: "read_file", args: { path: "a.js" } }] });
    xai.setScenario("delta", { responses: [listing(), listing(), listing(), step({ text: "Read it three times." })] });
    const copy = new ServerCopy();
    const chatId = "c-delta";
    let messages: AgentUIMessage[] = [{ id: "u1", role: "user", parts: [{ type: "text", text: "Read a.js three times." }] }];
    const uploads: number[] = [];
    for (let i = 0; i < 4; i++) {
      const plan = copy.plan(messages);
      const body = { chatId, anchor: plan.anchor, messages: plan.messages };
      uploads.push(JSON.stringify(body).length);
      const continuing = messages.at(-1)?.role === "assistant" ? messages.at(-1) : undefined;
      const res = await send("delta", body, undefined, continuing ? { continuing } : {});
      expect(res.json ?? res.status).toBe(200);
      expect(res.stored).toHaveLength(1);
      copy.settle(plan, res.stored[0]!);
      const answer = res.message!;
      // What the server stored is what the browser built from the same stream, part for part.
      expect(copy.toJSON()[answer.id]).toEqual(partHashes(answer));
      // The browser runs the tool and fills in the output, as addToolOutput does.
      const withOutput = {
        ...answer,
        parts: answer.parts.map((p) =>
          p.type === "tool-read_file" && p.state === "input-available"
            ? { ...p, state: "output-available", output: { path: "a.js", content: "1\tx", startLine: 1, endLine: 1, totalLines: 1, truncated: false } }
            : p,
        ),
      } as AgentUIMessage;
      messages = [...messages.filter((m) => m.id !== answer.id), withOutput];
    }
    // Steps 2-4 patch the assistant message: each upload is the one new output, not the growing message.
    expect(uploads.slice(1).every((b) => b < 900)).toBe(true);
    expect(Math.max(...uploads.slice(1)) - Math.min(...uploads.slice(1))).toBeLessThan(40);
    const last = xai.requests("delta").at(-1)!.body.input as Array<{ type: string }>;
    expect(last.filter((x) => x.type === "function_call")).toHaveLength(3);
    expect(last.filter((x) => x.type === "function_call_output")).toHaveLength(3);
  });

  it("after the loop stopped (step limit, Stop), the next message brings the last step's results to the model", async () => {
    xai.setScenario("limit", { responses: [step({ toolCalls: [{ name: "edit_file", args: { path: "README.md", edits: [{ search: "a", replace: "b" }] }, callId: "call-edit" }] }), step({ text: "Continuing." })] });
    const copy = new ServerCopy();
    const u1: AgentUIMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "Edit README.md" }] };
    const plan = copy.plan([u1]);
    const first = await send("limit", { chatId: "c-limit", anchor: plan.anchor, messages: plan.messages });
    copy.settle(plan, first.stored[0] ?? null);
    // The limit is reached: the browser applies the edit, but does not continue the loop.
    const edited = {
      ...first.message!,
      parts: first.message!.parts.map((p) => (p.type === "tool-edit_file" ? { ...p, state: "output-available", output: { path: "README.md", created: false, linesAdded: 1, linesRemoved: 1, totalLines: 1 } } : p)),
    } as AgentUIMessage;
    const u2: AgentUIMessage = { id: "u2", role: "user", parts: [{ type: "text", text: "Please continue" }] };
    const next = copy.plan([u1, edited, u2]);
    expect(next.anchor).toBe("u1");
    expect(next.messages.map((m) => ("patch" in m ? `patch:${m.id}` : m.id))).toEqual([`patch:${edited.id}`, "u2"]);
    const res = await send("limit", { chatId: "c-limit", anchor: next.anchor, messages: next.messages });
    expect(res.status).toBe(200);
    const input = xai.requests("limit")[1]!.body.input as Array<{ type?: string; role?: string; call_id?: string; output?: string }>;
    const kinds = input.map((x) => x.type ?? x.role);
    expect(kinds.slice(-3)).toEqual(["function_call", "function_call_output", "user"]);
    expect(input.find((x) => x.type === "function_call_output")?.output).toMatch(/Updated README.md/);
  });

  it("answers malformed bodies with a 400 that names the field, never a 5xx", async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ["a file part without a url", { chatId: "c-bad", anchor: null, messages: [{ id: "u1", role: "user", parts: [{ type: "file", mediaType: "image/png" }] }] }, /messages\[0\]\.parts\[0\]\.url/],
      ["a data-context part without data", { chatId: "c-bad", anchor: null, messages: [{ id: "u1", role: "user", parts: [{ type: "data-context" }] }] }, /parts\[0\]\.data/],
      ["a NUL byte in an id", { chatId: "c-bad", anchor: null, messages: [{ id: "u\u00001", role: "user", parts: [{ type: "text", text: "x" }] }] }, /messages\[0\]\.id: must be printable/],
      ["an unknown part type", { chatId: "c-bad", anchor: null, messages: [{ id: "u1", role: "user", parts: [{ type: "hologram" }] }] }, /"hologram", which is not a message part/],
      ["a tool output of the wrong shape", { chatId: "c-bad", anchor: null, messages: [{ id: "a1", role: "assistant", parts: [{ type: "tool-list_files", toolCallId: "c1", state: "output-available", input: {}, output: null }] }] }, /parts\[0\]\.output/],
      ["a field a part does not have", { chatId: "c-bad", anchor: null, messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "x", secret: 1 }] }] }, /secret/],
      ["a patch in a whole upload", { chatId: "c-bad", anchor: null, messages: [{ id: "a1", role: "assistant", patch: { base: { parts: 0, hash: "0".repeat(24) } } }] }, /cannot patch/],
      ["no messages", { chatId: "c-bad", anchor: null, messages: [] }, /messages: must hold at least one message/],
    ];
    // JSON text: JSON.stringify itself recurses (the route gets text and parses it).
    const deep = `{"chatId":"c-bad","anchor":null,"messages":[{"id":"u1","role":"user","parts":[{"type":"text","text":"x","providerMetadata":{"a":{"b":${"[".repeat(5_000)}1${"]".repeat(5_000)}}}}]}]}`;
    cases.push(["5,000 levels of nesting", deep, /nests more than 64 levels/]);
    for (const [what, body, expected] of cases) {
      const res = await send("never-called", body);
      expect(res.status, what).toBe(400);
      expect(res.json, what).toMatchObject({ code: "bad-request", message: expect.stringMatching(expected) });
    }
    expect(xai.requests("never-called")).toHaveLength(0);
  });

  it("uses a chat's history only with its secret: a wrong or missing one is a 403 and the model is never called", async () => {
    xai.setScenario("owned", { responses: [step({ text: "Private answer." })] });
    const first = await send("owned", { chatId: "c-owned", anchor: null, messages: [user("u1", "my secret plan")] });
    expect(first.status).toBe(200);
    await historiesFor(store, env()).idle("c-owned");
    xai.setScenario("thief", { responses: [step({ text: "stolen" })] });
    const continueIt = { chatId: "c-owned", anchor: first.message!.id, messages: [user("x1", "repeat everything above")] };
    const wrong = await send("thief", continueIt, undefined, { secret: "w".repeat(43) });
    expect(wrong.status).toBe(403);
    expect(wrong.json).toMatchObject({ code: "chat-forbidden", message: expect.stringMatching(/belongs to another browser/) });
    const missing = await send("thief", continueIt, undefined, { secret: null });
    expect(missing).toMatchObject({ status: 403, json: { code: "chat-forbidden", message: expect.stringMatching(/no chat secret/) } });
    const overwrite = await send("thief", { chatId: "c-owned", anchor: null, messages: [user("x1", "mine now")] }, undefined, { secret: "w".repeat(43) });
    expect(overwrite.status).toBe(403);
    expect(xai.requests("thief")).toHaveLength(0);
    expect((await store.load("c-owned")).messages.map((m) => m.id)).toEqual(["u1", first.message!.id]);
  });
});
