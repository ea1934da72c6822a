import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { classifyError, parseAgentError } from "./errors";

const apiError = (statusCode: number, headers: Record<string, string> = {}) =>
  new APICallError({ message: "x", url: "https://api.x.ai/v1/responses", requestBodyValues: {}, statusCode, responseHeaders: headers, responseBody: '{"error":"x"}' });

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
  });
  it("parses errors from the stream, from JSON responses and from the network", () => {
    expect(parseAgentError('{"code":"rate-limited","message":"m","retryAfter":3}')).toEqual({ code: "rate-limited", message: "m", retryAfter: 3 });
    expect(parseAgentError('{"error":{"code":"no-model","message":"Set XAI_API_KEY"}}')).toMatchObject({ code: "no-model" });
    expect(parseAgentError("Failed to fetch")).toMatchObject({ code: "offline" });
    expect(parseAgentError("boom")).toEqual({ code: "unknown", message: "boom" });
  });
});
