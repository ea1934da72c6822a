// Errors the chat can show, each with a cause a person understands and what to do. The server turns provider and
// network failures into these (classifyError); the stream carries them as JSON text; the panel parses them back.
import { APICallError } from "ai";
import { z } from "zod";

export const agentErrorCode = z.enum([
  "history-missing",
  "no-model",
  "bad-key",
  "rate-limited",
  "server-error",
  "stream-dropped",
  "unreachable",
  "bad-request",
  "context-full",
  "offline",
  "unknown",
]);
export type AgentErrorCode = z.infer<typeof agentErrorCode>;

export const agentError = z.object({
  code: agentErrorCode,
  message: z.string(),
  /** Seconds to wait before retrying (from retry-after). */
  retryAfter: z.number().optional(),
  status: z.number().optional(),
});
export type AgentError = z.infer<typeof agentError>;

/** Error texts in the stream are JSON AgentErrors; anything else (the network, a proxy) is wrapped as it is. */
export function parseAgentError(text: string | undefined): AgentError {
  if (text) {
    try {
      const value: unknown = JSON.parse(text);
      // Either the error itself (stream error parts) or { error } (a JSON error response from the route).
      const body = value && typeof value === "object" && "error" in value ? value.error : value;
      const parsed = agentError.safeParse(body);
      if (parsed.success) return parsed.data;
      // Any other { code, message } (the server's edge and limits): its message, as what it is.
      const other = z.object({ code: z.string(), message: z.string(), retryAfter: z.number().optional() }).safeParse(body);
      if (other.success) return { code: "bad-request", message: other.data.message, ...(other.data.retryAfter !== undefined ? { retryAfter: other.data.retryAfter } : {}) };
    } catch {
      // not JSON: a plain message
    }
    if (/network|failed to fetch|load failed|networkerror/i.test(text))
      return { code: "offline", message: "The connection to Tandem's server failed. Check your connection, then retry." };
  }
  return { code: "unknown", message: text || "Something went wrong." };
}

/** Turns whatever the model call threw into an AgentError. Never includes keys or request headers. `keyVariable` is
 * where the server's key for this provider is set. */
export function classifyError(error: unknown, providerName = "The model provider", keyVariable = "XAI_API_KEY"): AgentError {
  const api = findApiCallError(error);
  if (api) {
    const status = api.statusCode;
    const retryAfter = parseRetryAfter(api.responseHeaders);
    if (status === 401 || status === 403)
      return {
        code: "bad-key",
        status,
        message: `${providerName} rejected the API key (HTTP ${status}). Check the key in the assistant's settings or ${keyVariable} on the server.`,
      };
    if (status === 429)
      return {
        code: "rate-limited",
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        message: `${providerName} is rate-limiting requests (HTTP 429)${retryAfter !== undefined ? `; it asks to wait ${retryAfter} s` : ""}.`,
      };
    if (status !== undefined && status >= 500)
      return {
        code: "server-error",
        status,
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        message: `${providerName} had a server error (HTTP ${status}). This is usually temporary: retry.`,
      };
    if (status !== undefined && status >= 400 && CONTEXT_FULL.test(`${api.responseBody ?? ""} ${api.message}`))
      return {
        code: "context-full",
        status,
        message: `This chat no longer fits the model's context window (${providerName}: "${shorten(providerMessage(api))}"). Start a new chat: your files stay as they are, and @-mentions bring in the ones it needs.`,
      };
    if (status !== undefined && status >= 400)
      return { code: "bad-request", status, message: `${providerName} refused the request (HTTP ${status}): ${shorten(providerMessage(api))}` };
    if (CANNOT_CONNECT.test(`${api.message} ${describeCause(api)}`))
      return {
        code: "unreachable",
        message:
          `Tandem's server cannot reach ${providerName} (${shorten(api.message)}). Is the model server running (for a local model, e.g. \`ollama serve\`), ` +
          "and is its base URL right (the assistant's settings, or the server's configuration)? Then retry.",
      };
    return { code: "stream-dropped", message: `The connection to ${providerName} failed: ${shorten(api.message)}. Retry.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/terminated|socket|ECONNRESET|ECONNREFUSED|other side closed|premature close|fetch failed|network/i.test(message))
    return { code: "stream-dropped", message: `The stream from ${providerName} broke off (${shorten(message)}). What was already done is kept: retry to continue.` };
  return { code: "unknown", message: shorten(message) };
}

/**
 * How providers say the prompt is longer than the model takes: xAI ("maximum prompt length"), OpenAI, vLLM and
 * OpenRouter ("maximum context length"), llama.cpp ("exceeds the available context size"), Anthropic-style gateways
 * ("prompt is too long").
 */
const CONTEXT_FULL = /maximum (prompt|context) length|context (length|size|window) (is |has been )?exceeded|exceeds? the (available )?context|context_length_exceeded|exceed_context_size|prompt is too long/i;

/**
 * Connecting failed before any answer: nothing listens there, the name does not resolve, or no route to it. (The AI
 * SDK words every fetch failure "Cannot connect to API", a stream cut off midway included, so the cause decides.)
 */
const CANNOT_CONNECT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;

function describeCause(error: { cause?: unknown }): string {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  return cause ? `${String(cause.code ?? "")} ${String(cause.message ?? "")}` : "";
}

function findApiCallError(error: unknown): APICallError | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (APICallError.isInstance(e)) return e;
    const inner = e as { lastError?: unknown; cause?: unknown };
    e = inner.lastError ?? inner.cause;
  }
  return null;
}

/** The provider's own words: `{ error: "…" }` or `{ error: { message: "…" } }` (OpenAI style), else the raw body. */
function providerMessage(api: APICallError): string {
  const body = api.responseBody ?? "";
  try {
    const parsed = providerErrorBody.safeParse(JSON.parse(body));
    if (parsed.success) return typeof parsed.data.error === "string" ? parsed.data.error : parsed.data.error.message;
  } catch {
    // not JSON
  }
  return body || api.message;
}
const providerErrorBody = z.object({ error: z.union([z.string(), z.object({ message: z.string() })]) });

function parseRetryAfter(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers["retry-after-ms"];
  if (ms && !Number.isNaN(Number(ms))) return Math.ceil(Number(ms) / 1000);
  const value = headers["retry-after"];
  if (!value) return undefined;
  const seconds = Number(value);
  if (!Number.isNaN(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function shorten(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
