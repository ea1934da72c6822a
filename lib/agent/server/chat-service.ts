// Server only. One chat request: check the body and the chat's secret, reconcile the upload with the history
// (server/chat-history.ts keeps a checked copy per chat), stream one model step with the shared tools (they run in the
// browser), persist the assistant message, and report usage and what was stored. The route only parses and calls.
import { generateId, streamText, toUIMessageStream, type StepResult, type UIMessageChunk } from "ai";
import { chatStoreLimits, Janitor } from "@/lib/chat-store/retention";
import type { ChatStore } from "@/lib/chat-store/types";
import type { BrowserEndpointPolicy } from "@/lib/server/config";
import type { HttpFailure } from "@/lib/server/http-error";
import { NO_LIMITS, type Limits } from "@/lib/server/limits/limits";
import { classifyError, type AgentError } from "../errors";
import { resolveModel, type Env } from "../model-config";
import { contextWindowFor, stepCost } from "../pricing";
import { API_KEY_HEADER, CHAT_SECRET_HEADER, chatSecret, parseChatRequest, type AgentUIMessage, type StepUsage, type StoredParts } from "../protocol";
import { partHash } from "../sync";
import { ChatHistories, type Reconciled } from "./chat-history";
import { AGENT_INSTRUCTIONS } from "./instructions";
import { modelTools, toModelMessages, type ModelTools } from "./model-input";
import { browserEndpointError, createModel } from "./provider";
import { toSseBody, UI_STREAM_HEADERS } from "./ui-sse";

export interface ChatServiceDeps {
  store: ChatStore;
  env: Env;
  /** The process's copies of chat histories over `store` (default: one per store, sized by the environment). */
  histories?: ChatHistories;
  /** For tests and benchmarks: the fetch the provider uses (for endpoints the server chose). */
  fetch?: typeof fetch;
  /** Where a browser may point the model (lib/server/config.ts); default: nowhere but the server's endpoints. */
  browserEndpoints?: BrowserEndpointPolicy;
  /** A public server's limits (lib/server/limits); default none. */
  limits?: Limits;
  /** Who is asking, for the limits (set by the edge: lib/server/client-id.ts). */
  client?: string;
}

const historiesByStore = new WeakMap<ChatStore, ChatHistories>();
const janitors = new WeakMap<ChatStore, Janitor>();

/** One ChatHistories per store and process. TANDEM_HISTORY_CACHE_MB caps its copies (default 64; 0 keeps none);
 * TANDEM_CHAT_MAX_MB caps one chat (lib/chat-store/retention.ts). */
export function historiesFor(store: ChatStore, env: Env): ChatHistories {
  let histories = historiesByStore.get(store);
  if (!histories) {
    const mb = Number(env.TANDEM_HISTORY_CACHE_MB?.trim() || 64);
    histories = new ChatHistories(store, { maxChars: Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 0, maxChatChars: chatStoreLimits(env).maxChatChars });
    historiesByStore.set(store, histories);
  }
  return histories;
}

/** One janitor per store and process: retention and the store's quota (TANDEM_CHAT_RETENTION_DAYS, _STORE_MAX_MB). */
export function janitorFor(store: ChatStore, env: Env): Janitor {
  let janitor = janitors.get(store);
  if (!janitor) janitors.set(store, (janitor = new Janitor(store, chatStoreLimits(env))));
  return janitor;
}

/** Errors are top-level { code, message } (what every route answers; the browser's parseAgentError reads it). */
export function jsonError(error: AgentError, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(error, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A limit the server holds (rate, streams, budget) as the chat's own error, which the panel knows how to show. */
function limitError(f: HttpFailure): Response {
  const code = f.body.code === "budget-exceeded" ? "budget-exceeded" : "rate-limited";
  return jsonError({ code, message: f.body.message, ...(f.body.retryAfter !== undefined ? { retryAfter: f.body.retryAfter } : {}), status: f.status }, f.status, f.headers);
}

/** Calls `end` once the body has been read to its end, failed, or been cancelled (the client went away). */
function whenBodyEnds(body: ReadableStream<Uint8Array>, end: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    cancel(reason) {
      end();
      return reader.cancel(reason);
    },
  });
}

/**
 * Parses the body and reads two headers: the person's own key (API_KEY_HEADER; a header so it never sits in anything
 * we might log or store) and the chat's secret (CHAT_SECRET_HEADER), without which the chat's history is not used.
 */
export async function handleChat(rawBody: unknown, headers: Headers, signal: AbortSignal, deps: ChatServiceDeps): Promise<Response> {
  const parsed = parseChatRequest(rawBody);
  if (!parsed.ok) return jsonError({ code: "bad-request", message: parsed.message }, 400);
  const { request } = parsed;
  const secret = headers.get(CHAT_SECRET_HEADER) ?? undefined;
  if (secret !== undefined && !chatSecret.safeParse(secret).success)
    return jsonError({ code: "chat-forbidden", message: `The chat secret (${CHAT_SECRET_HEADER}) is malformed: it must be 32 to 128 base64url characters.` }, 403);
  const browserEndpoints = deps.browserEndpoints ?? "off";
  const resolved = resolveModel(deps.env, request.model, headers.get(API_KEY_HEADER) ?? undefined, browserEndpoints);
  if (!resolved.ok) return jsonError(resolved.error, 400);
  const limits = deps.limits ?? NO_LIMITS;
  const client = deps.client ?? "unknown";
  const limited = await limits.chat(client, request.chatId);
  if (limited) return limitError(limited);
  const startedAt = performance.now();

  janitorFor(deps.store, deps.env).poke();
  const reconciled = await (deps.histories ?? historiesFor(deps.store, deps.env)).reconcile(request, secret);
  if (!reconciled.ok) return reconcileError(reconciled);
  const { messages, turn } = reconciled;
  // A continued assistant message keeps the parts the browser uploaded; the step adds the rest (see `stored`).
  const continued = messages.at(-1)?.role === "assistant" ? (messages.at(-1)?.parts.length ?? 0) : 0;
  let stored: StoredParts | null = null;
  // The server pays for steps on its own key: those count against its budgets (per turn: per user message).
  const serverPays = resolved.value.keySource === "server";
  const turnKey = `${request.chatId}:${messages.findLast((m) => m.role === "user")?.id ?? ""}`;
  if (serverPays) {
    const spent = await limits.checkBudget(client, turnKey);
    if (spent) return limitError(spent);
  }
  const modelMessages = await toModelMessages(messages);
  const { model, providerOptions, providerName, keyVariable, opaqueErrors } = createModel(resolved.value, request.chatId, deps.fetch, browserEndpoints);
  const describeError = (error: unknown) =>
    opaqueErrors && !signal.aborted ? browserEndpointError(resolved.value.baseURL) : classifyError(error, providerName, keyVariable);
  let firstTokenAt: number | null = null;
  let usage: StepUsage | null = null;
  // Nothing below awaits before the body is returned, so the slot is released by the body's end (or cancel) only.
  const stream = await limits.openStream(client);
  if ("failure" in stream) return limitError(stream.failure);

  const result = streamText({
    model,
    instructions: AGENT_INSTRUCTIONS,
    messages: modelMessages,
    tools: modelTools,
    providerOptions,
    abortSignal: signal,
    // Retrying is the person's choice (the panel shows the cause, retry-after and a Retry button).
    maxRetries: 0,
    // The error reaches the person through the stream; the server log gets the cause only (never bodies or keys).
    onError: ({ error }) => console.warn(`chat ${request.chatId}: ${describeError(error).code}`),
    onChunk: ({ chunk }) => {
      if (firstTokenAt === null && (chunk.type === "text-delta" || chunk.type === "reasoning-delta" || chunk.type === "tool-input-start"))
        firstTokenAt = performance.now();
    },
    // Runs before the step's "finish" passes on (streamText waits for it), so usage is there when "finish" is sent.
    onStepEnd: (step) => {
      usage = describeUsage(step, resolved.value.model, startedAt, firstTokenAt);
      if (serverPays)
        void limits
          .recordUsage(client, turnKey, { tokens: usage.inputTokens + usage.outputTokens, usd: usage.costUsd ?? 0 })
          .catch((error: unknown) => console.warn(`chat ${request.chatId}: usage not counted (${error instanceof Error ? error.message : String(error)})`));
    },
  });

  const ui = toUIMessageStream<ModelTools, AgentUIMessage>({
    stream: result.stream,
    tools: modelTools,
    originalMessages: messages,
    // The server names a new assistant message (a continuation keeps its id): the history is upserted by id.
    generateMessageId: generateId,
    sendReasoning: true,
    // Tool input errors (bad JSON, unknown tool) go to the model and the card as they are, not as stream errors.
    redactToolErrors: false,
    onError: (error) => JSON.stringify(describeError(error)),
    // What the server will store of this step, for the browser to patch against next time (only the new parts).
    onStepEnd: ({ responseMessage }) => {
      stored = { id: responseMessage.id, from: continued, hashes: responseMessage.parts.slice(continued).map(partHash) };
    },
    // The stream ends (and the browser moves on) only once the upload and this step are in the store, so whichever
    // instance gets the next request reads them.
    onEnd: ({ responseMessage }) => turn.commit(responseMessage.parts.length > 0 ? responseMessage : null),
  });
  const body = toSseBody(ui, {
    // Usage and what was stored go out as transient data parts just before "finish" (metadata would be overwritten
    // step by step).
    before: (chunk) => {
      if (chunk.type !== "finish") return undefined;
      const extra: UIMessageChunk[] = [];
      if (usage) extra.push({ type: "data-usage", data: usage, transient: true });
      if (stored) extra.push({ type: "data-stored", data: stored, transient: true });
      return extra;
    },
    errorText: (error) => JSON.stringify(describeError(error)),
  });
  return new Response(whenBodyEnds(body, () => stream.slot.release()), { headers: UI_STREAM_HEADERS });
}

function reconcileError(failure: Exclude<Reconciled, { ok: true }>): Response {
  switch (failure.code) {
    case "history-missing":
      return jsonError({ code: "history-missing", message: "The server does not have this chat's history; send it whole." }, 409);
    case "history-diverged":
      return jsonError({ code: "history-diverged", message: `The server's copy of message ${failure.id} is not the one this upload patches (${failure.why}); send that message whole.` }, 409);
    case "forbidden":
      return failure.why === "missing"
        ? jsonError({ code: "chat-forbidden", message: `This request carries no chat secret (${CHAT_SECRET_HEADER}). The browser that creates a chat makes one and sends it with every request: reload the page.` }, 403)
        : jsonError({ code: "chat-forbidden", message: "This chat belongs to another browser: the chat secret is not the one the chat was created with, so its history is neither read nor changed. Start a new chat." }, 403);
    case "too-large":
      return jsonError({ code: "chat-too-large", message: `This chat's history (${mb(failure.chars)} MB) is over the server's limit per chat (${mb(failure.max)} MB, TANDEM_CHAT_MAX_MB). Start a new chat: your files stay as they are.` }, 413);
    case "duplicate-id":
      return jsonError({ code: "bad-request", message: `Two messages of this chat have the id ${failure.id}.` }, 400);
    case "store-unavailable":
      return jsonError({ code: "server-error", message: "Tandem's chat history database is not available. Check DATABASE_URL / TANDEM_DATA_DIR on the server, then retry." }, 503);
  }
}

const mb = (chars: number) => (chars / (1024 * 1024)).toFixed(1);

function describeUsage(
  part: Pick<StepResult<ModelTools>, "usage" | "providerMetadata" | "finishReason">,
  model: string,
  startedAt: number,
  firstTokenAt: number | null,
): StepUsage {
  const inputTokens = part.usage.inputTokens ?? 0;
  const cachedInputTokens = part.usage.inputTokenDetails?.cacheReadTokens ?? 0;
  const outputTokens = part.usage.outputTokens ?? 0;
  const ticks = part.providerMetadata?.xai?.costInUsdTicks;
  const cost = stepCost(model, { inputTokens, cachedInputTokens, outputTokens }, typeof ticks === "number" ? ticks : null);
  const now = performance.now();
  return {
    model,
    inputTokens,
    cachedInputTokens,
    outputTokens,
    reasoningTokens: part.usage.outputTokenDetails?.reasoningTokens ?? 0,
    ...cost,
    timeToFirstTokenMs: firstTokenAt === null ? null : Math.round(firstTokenAt - startedAt),
    streamMs: Math.round(now - (firstTokenAt ?? now)),
    finishReason: part.finishReason,
    contextWindow: contextWindowFor(model),
  };
}
