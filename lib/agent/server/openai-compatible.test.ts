// The chat service with TANDEM_MODEL_PROVIDER=openai-compatible: the real @ai-sdk/openai-compatible provider against
// a local server speaking the Chat Completions streaming format (e2e/support/openai-server.ts), as Ollama, LM Studio,
// vLLM or OpenRouter would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteClient, SqlChatStore } from "@/lib/chat-store";
import { chatError, chatStep, startOpenAIServer, type OpenAIServer } from "@/e2e/support/openai-server";
import { parseAgentError } from "../errors";
import type { ChatRequest } from "../protocol";
import { handleChat } from "./chat-service";
import { chatHeaders, readChatResponse } from "./chat-response.test-support";

let server: OpenAIServer;
let store: SqlChatStore;
beforeAll(async () => {
  server = await startOpenAIServer();
  store = new SqlChatStore(await pgliteClient());
}, 60_000);
afterAll(async () => {
  await server?.close();
  await store?.close();
});

const env = (scenario: string, extra: Record<string, string> = {}) => ({
  TANDEM_MODEL_PROVIDER: "openai-compatible",
  OPENAI_COMPATIBLE_BASE_URL: server.baseURL(scenario),
  OPENAI_COMPATIBLE_MODEL: "qwen2.5-coder:7b",
  OPENAI_COMPATIBLE_API_KEY: "sk-local-server-key",
  ...extra,
});
const user = (id: string, text: string): ChatRequest["messages"][number] => ({ id, role: "user", parts: [{ type: "text", text }] });

async function send(scenario: string, body: ChatRequest, options: { key?: string; env?: Record<string, string> } = {}) {
  const response = await handleChat(JSON.parse(JSON.stringify(body)), chatHeaders(options.key), new AbortController().signal, { store, env: options.env ?? env(scenario) });
  return readChatResponse(response);
}

describe("chat service on an OpenAI-compatible endpoint", () => {
  it("streams text and reports usage, with the configured model id and key", async () => {
    server.setScenario("text", [chatStep({ reasoning: "Think briefly.", text: "Hello from a local model.", usage: { prompt: 321, completion: 12, cached: 256, reasoning: 3 } })]);
    const res = await send("text", { chatId: "oc-text", anchor: null, messages: [user("u1", "hi")] });
    expect(res.errors).toEqual([]);
    expect(res.textDeltas.length).toBeGreaterThan(1); // streamed, not one block
    expect(res.message?.parts.find((p) => p.type === "text")).toMatchObject({ text: "Hello from a local model." });
    expect(res.message?.parts.find((p) => p.type === "reasoning")).toMatchObject({ text: "Think briefly." });
    expect(res.usage).toHaveLength(1);
    expect(res.usage[0]).toMatchObject({ model: "qwen2.5-coder:7b", inputTokens: 321, cachedInputTokens: 256, outputTokens: 12, reasoningTokens: 3, finishReason: "stop" });

    const [request] = server.requests("text");
    expect(request!.body.model).toBe("qwen2.5-coder:7b");
    expect(request!.authorization).toBe("Bearer sk-local-server-key");
    expect(request!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    // Instructions first, as a system message; then the conversation; the tools as functions.
    const messages = request!.body.messages as Array<{ role: string; content: unknown }>;
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect((request!.body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toContain("read_file");
  });

  it("delivers a streamed tool call with parsed arguments, and sends its result back on the next step", async () => {
    server.setScenario("tool", [
      chatStep({ toolCalls: [{ name: "read_file", args: { path: "src/text.js", startLine: 2 }, id: "call_abc" }] }),
      chatStep({ text: "The file is short." }),
    ]);
    const first = await send("tool", { chatId: "oc-tool", anchor: null, messages: [user("u1", "read it")] });
    expect(first.errors).toEqual([]);
    const call = first.message!.parts.find((p) => p.type === "tool-read_file");
    expect(call).toMatchObject({ state: "input-available", toolCallId: "call_abc", input: { path: "src/text.js", startLine: 2 } });
    expect(first.usage[0]).toMatchObject({ finishReason: "tool-calls" });

    const withOutput = {
      ...first.message!,
      parts: first.message!.parts.map((p) =>
        p.type === "tool-read_file" ? { ...p, state: "output-available", output: { path: "src/text.js", content: "2\tx", startLine: 2, endLine: 2, totalLines: 2, truncated: false } } : p,
      ),
    } as ChatRequest["messages"][number];
    const second = await send("tool", { chatId: "oc-tool", anchor: "u1", messages: [withOutput] });
    expect(second.message?.parts.filter((p) => p.type === "text").map((p) => p.text)).toEqual(["The file is short."]);
    const messages = server.requests("tool")[1]!.body.messages as Array<{ role: string; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { arguments: string } }>; content: unknown }>;
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(JSON.parse(messages[2]!.tool_calls![0]!.function.arguments)).toEqual({ path: "src/text.js", startLine: 2 });
    expect(messages[3]).toMatchObject({ tool_call_id: "call_abc", content: "src/text.js lines 2-2 of 2\n2\tx" });
  });

  it("sends a person's own key instead of the server's, and no Authorization at all without a key (Ollama)", async () => {
    server.setScenario("keys", [chatStep({ text: "one" }), chatStep({ text: "two" })]);
    await send("keys", { chatId: "oc-keys-1", anchor: null, messages: [user("u1", "hi")] }, { key: "sk-person" });
    const { OPENAI_COMPATIBLE_API_KEY: _unused, ...keyless } = env("keys");
    await send("keys", { chatId: "oc-keys-2", anchor: null, messages: [user("u1", "hi")] }, { env: keyless });
    expect(server.requests("keys").map((r) => r.authorization)).toEqual(["Bearer sk-person", null]);
  });

  it("sends a reasoning effort only when one was chosen for this endpoint", async () => {
    // Ollama answers 400 "does not support thinking" to any effort for a model without thinking (qwen2.5-coder, the
    // default): xAI's default effort must not leak here.
    server.setScenario("effort", [chatStep({ text: "a" }), chatStep({ text: "b" }), chatStep({ text: "c" })]);
    await send("effort", { chatId: "oc-effort-1", anchor: null, messages: [user("u1", "hi")] }, { env: env("effort", { TANDEM_REASONING_EFFORT: "high" }) });
    await send("effort", { chatId: "oc-effort-2", anchor: null, messages: [user("u1", "hi")] }, { env: env("effort", { OPENAI_COMPATIBLE_REASONING_EFFORT: "medium" }) });
    await send("effort", { chatId: "oc-effort-3", anchor: null, messages: [user("u1", "hi")], model: { reasoningEffort: "none" } });
    expect(server.requests("effort").map((r) => r.body.reasoning_effort)).toEqual([undefined, "medium", "none"]);
  });

  it("turns a 401 into bad-key, a 500 into server-error and a 429 into rate-limited with its wait", async () => {
    server.setScenario("errors", [
      chatError(401, "Incorrect API key provided."),
      chatError(500, "The model crashed."),
      chatError(429, "Slow down.", { "retry-after": "12" }),
    ]);
    const codes = [];
    for (const [i, chatId] of ["oc-401", "oc-500", "oc-429"].entries()) {
      const res = await send("errors", { chatId, anchor: null, messages: [user(`u${i}`, "hi")] });
      expect(res.errors).toHaveLength(1);
      codes.push(parseAgentError(res.errors[0]));
    }
    expect(codes[0]).toMatchObject({ code: "bad-key", status: 401 });
    // Names the endpoint and the variable that holds its key, not xAI's.
    expect(codes[0]!.message).toContain(new URL(server.url).host);
    expect(codes[0]!.message).toContain("OPENAI_COMPATIBLE_API_KEY");
    expect(codes[1]).toMatchObject({ code: "server-error", status: 500 });
    expect(codes[2]).toMatchObject({ code: "rate-limited", status: 429, retryAfter: 12 });
  });
});

describe("a model server that is not running", () => {
  it("says it cannot be reached and what to check, not a bare connection error", async () => {
    const closed = await import("node:net").then(
      (net) =>
        new Promise<number>((resolve) => {
          const probe = net.createServer().listen(0, "127.0.0.1", () => {
            const { port } = probe.address() as { port: number };
            probe.close(() => resolve(port));
          });
        }),
    );
    const res = await send("none", { chatId: "oc-down", anchor: null, messages: [user("u1", "hi")] }, { env: env("none", { OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${closed}/v1` }) });
    const error = parseAgentError(res.errors[0]);
    expect(error.code).toBe("unreachable");
    expect(error.message).toContain(`cannot reach 127.0.0.1:${closed}`);
    expect(error.message).toContain("Is the model server running");
  });
});
