// The chat service against the real @ai-sdk/xai provider talking to the local xAI stand-in (e2e/support/xai-server),
// with the store on in-memory PGlite: the loop, history upsert and recovery, prefix stability and the cache key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, SqlChatStore } from "@/lib/chat-store";
import { startXaiServer, step, httpError, type XaiServer } from "@/e2e/support/xai-server";
import { parseAgentError } from "../errors";
import type { AgentUIMessage, ChatRequest } from "../protocol";
import { ChatHistories } from "./chat-history";
import { handleChat, historiesFor } from "./chat-service";
import { readChatResponse } from "./chat-response.test-support";

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

async function send(scenario: string, body: ChatRequest, histories?: ChatHistories) {
  const response = await handleChat(body, `xai-test-${scenario}`, new AbortController().signal, { store, env: env(), ...(histories ? { histories } : {}) });
  return readChatResponse(response);
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
    const response = await handleChat({ chatId: "c", anchor: null, messages: [user("u", "x")] }, undefined, new AbortController().signal, { store, env: {} });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "no-model", message: expect.stringMatching(/XAI_API_KEY/) });
  });
});
