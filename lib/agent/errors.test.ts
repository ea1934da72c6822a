import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyError, parseAgentError } from "./errors";

const apiError = (statusCode: number, headers: Record<string, string> = {}, responseBody = '{"error":"x"}') =>
  new APICallError({ message: "x", url: "https://api.x.ai/v1/responses", requestBodyValues: {}, statusCode, responseHeaders: headers, responseBody });

describe("errors", () => {
  it("classifies provider responses with what to do", () => {
    expect(classifyError(apiError(401), "xAI")).toMatchObject({ code: "bad-key", status: 401, message: expect.stringContaining("XAI_API_KEY") });
    expect(classifyError(apiError(401), "127.0.0.1:11434", "OPENAI_COMPATIBLE_API_KEY").message).toContain("OPENAI_COMPATIBLE_API_KEY");
    expect(classifyError(apiError(429, { "retry-after": "12" }), "xAI")).toMatchObject({ code: "rate-limited", retryAfter: 12 });
    expect(classifyError(apiError(429, { "retry-after-ms": "1500" }), "xAI")).toMatchObject({ retryAfter: 2 });
    expect(classifyError(apiError(503), "xAI")).toMatchObject({ code: "server-error", status: 503 });
    expect(classifyError(apiError(400), "xAI")).toMatchObject({ code: "bad-request" });
    expect(classifyError({ lastError: apiError(429) })).toMatchObject({ code: "rate-limited" });
    expect(classifyError(new TypeError("terminated"))).toMatchObject({ code: "stream-dropped" });
    // The AI SDK's wording for any fetch failure: only a connect error's cause makes it "unreachable".
    const fetchFailed = (cause: string) => new APICallError({ message: `Cannot connect to API: ${cause}`, url: "http://127.0.0.1:11434/v1/chat/completions", requestBodyValues: {} });
    expect(classifyError(fetchFailed("other side closed"), "127.0.0.1:11434")).toMatchObject({ code: "stream-dropped" });
    expect(classifyError(fetchFailed("connect ECONNREFUSED 127.0.0.1:11434"), "127.0.0.1:11434")).toMatchObject({ code: "unreachable" });
    expect(classifyError(fetchFailed("getaddrinfo ENOTFOUND ollama.local"), "ollama.local")).toMatchObject({ code: "unreachable" });
  });
  it("says when a chat no longer fits the model's context window, in each provider's words, and what to do", () => {
    const bodies = [
      '{"code":"Client specified an invalid argument","error":"This model\'s maximum prompt length is 131072 but the request contains 140312 tokens."}',
      '{"error":{"message":"This model\'s maximum context length is 8192 tokens. However, you requested 9120 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}',
      '{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error"}}',
      '{"error":{"message":"prompt is too long: 210000 tokens > 200000 maximum"}}',
    ];
    for (const body of bodies) {
      const error = classifyError(apiError(400, {}, body), "xAI");
      expect(error).toMatchObject({ code: "context-full", status: 400 });
      expect(error.message).toContain("Start a new chat");
      expect(error.message).not.toContain("{"); // the provider's words, not its JSON
    }
    // Other refusals stay what they are.
    expect(classifyError(apiError(400, {}, '{"error":"Invalid value for reasoning effort"}'), "xAI")).toMatchObject({ code: "bad-request" });
  });
  it("parses errors from the stream, from JSON responses and from the network", () => {
    expect(parseAgentError('{"code":"rate-limited","message":"m","retryAfter":3}')).toEqual({ code: "rate-limited", message: "m", retryAfter: 3 });
    expect(parseAgentError('{"error":{"code":"no-model","message":"Set XAI_API_KEY"}}')).toMatchObject({ code: "no-model" });
    expect(parseAgentError("Failed to fetch")).toMatchObject({ code: "offline" });
    expect(parseAgentError("boom")).toEqual({ code: "unknown", message: "boom" });
  });
  it("reads top-level { code, message } bodies, keeping the message and retry-after of codes it does not know", () => {
    expect(parseAgentError('{"code":"chat-forbidden","message":"not yours"}')).toEqual({ code: "chat-forbidden", message: "not yours" });
    expect(parseAgentError('{"code":"too-many-requests","message":"Slow down.","retryAfter":4}')).toEqual({ code: "bad-request", message: "Slow down.", retryAfter: 4 });
  });
  it("words a dropped stream one way, whatever the SDK called it", () => {
    const midway = new APICallError({ message: "Cannot connect to API: other side closed", url: "https://api.x.ai/v1/responses", requestBodyValues: {} });
    const processing = new APICallError({ message: "Failed to process successful response", url: "https://api.x.ai/v1/responses", requestBodyValues: {}, statusCode: 200 });
    const a = classifyError(midway, "xAI");
    const b = classifyError(processing, "xAI");
    const c = classifyError(new TypeError("terminated"), "xAI");
    expect(a).toEqual({ code: "stream-dropped", message: expect.stringContaining("broke off before the answer was complete") });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.message).not.toMatch(/Cannot connect|Failed to process/);
  });
});
