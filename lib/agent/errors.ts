// Errors the chat can show, each with a cause a person understands and what to do. The server turns provider and
// network failures into these (classifyError); the stream carries them as JSON text; the panel parses them back.
import { APICallError } from "ai";
import { z } from "zod";

export const agentErrorCode = z.enum([
  "history-missing",
  /** The server's copy of a message is not the one a patch was made for: send that message whole. */
  "history-diverged",
  /** The chat's secret is missing or wrong (the chat belongs to another browser). */
  "chat-forbidden",
  /** The server's own key has spent what it may for this message or today (lib/server/limits). */
  "budget-exceeded",
  /** The chat's history is over the server's quota per chat. */
  "chat-too-large",
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

/** Any `{ code, message }` (the server's other routes and guards use codes of their own). */
const anyError = z.looseObject({ code: z.string(), message: z.string(), retryAfter: z.number().optional(), status: z.number().optional() });

/** Error texts in the stream are JSON AgentErrors; HTTP error bodies are `{ code, message }` (older servers:
 * `{ error: { code, message } }`); anything else (the network, a proxy) is wrapped as it is. A code this panel does
 * not know (the server's edge and limits) keeps its message and retry-after, as a refused request. */
export function parseAgentError(text: string | undefined): AgentError {
  if (text) {
    try {
      const value: unknown = JSON.parse(text);
      const inner = value && typeof value === "object" && "error" in value && typeof value.error === "object" ? value.error : value;
      const parsed = anyError.safeParse(inner);
      if (parsed.success) {
        const { code, message, retryAfter, status } = parsed.data;
        const known = agentErrorCode.safeParse(code);
        return { code: known.success ? known.data : "bad-request", message, ...(retryAfter !== undefined ? { retryAfter } : {}), ...(status !== undefined ? { status } : {}) };
      }
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
    return streamDropped(providerName);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (DROPPED.test(message)) return streamDropped(providerName);
  return { code: "unknown", message: shorten(message) };
}

/**
 * A stream that broke off midway reaches us worded several ways for one cause ("Cannot connect to API: other side
 * closed", "Failed to process successful response", "terminated"…): one message says it.
 */
function streamDropped(providerName: string): AgentError {
  return { code: "stream-dropped", message: `The connection to ${providerName} broke off before the answer was complete. What was already done is kept: retry to continue.` };
}
const DROPPED = /terminated|socket|ECONNRESET|other side closed|premature close|fetch failed|network|failed to process successful response/i;

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
