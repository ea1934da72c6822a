// Server only. One chat request: reconcile the upload with the history (server/chat-history.ts keeps a checked copy per
// chat), stream one model step with the shared tools (they run in the browser), persist the assistant message, and
// report usage. The route only parses and calls.
import { generateId, streamText, toUIMessageStream, type StepResult } from "ai";
import type { ChatStore } from "@/lib/chat-store/types";
import type { BrowserEndpointPolicy } from "@/lib/server/config";
import type { HttpFailure } from "@/lib/server/http-error";
import { NO_LIMITS, type Limits } from "@/lib/server/limits/limits";
import { classifyError, type AgentError } from "../errors";
import { resolveModel, type Env } from "../model-config";
import { contextWindowFor, stepCost } from "../pricing";
import { chatRequest, type AgentUIMessage, type StepUsage } from "../protocol";
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

/** One ChatHistories per store and process. TANDEM_HISTORY_CACHE_MB caps its copies (default 64; 0 keeps none). */
export function historiesFor(store: ChatStore, env: Env): ChatHistories {
  let histories = historiesByStore.get(store);
  if (!histories) {
    const mb = Number(env.TANDEM_HISTORY_CACHE_MB?.trim() || 64);
    histories = new ChatHistories(store, { maxChars: Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : 0 });
    historiesByStore.set(store, histories);
  }
  return histories;
}

/** Errors are top-level { code, message } (what every route answers; the browser's parseAgentError reads it). */
export function jsonError(error: AgentError, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(error, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A limit the server holds (rate, streams, budget) as the chat's own error, which the panel knows how to show. */
function limitError(f: HttpFailure): Response {
  return jsonError({ code: "rate-limited", message: f.body.message, ...(f.body.retryAfter !== undefined ? { retryAfter: f.body.retryAfter } : {}), status: f.status }, f.status, f.headers);
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

/** Parses the body; the key comes separately (a header) so it never sits in anything we might log or store. */
export async function handleChat(rawBody: unknown, apiKey: string | undefined, signal: AbortSignal, deps: ChatServiceDeps): Promise<Response> {
  const parsed = chatRequest.safeParse(rawBody);
  if (!parsed.success) return jsonError({ code: "bad-request", message: `Invalid chat request: ${parsed.error.issues[0]?.message ?? "bad body"}` }, 400);
  const request = parsed.data;
  const browserEndpoints = deps.browserEndpoints ?? "off";
  const resolved = resolveModel(deps.env, request.model, apiKey, browserEndpoints);
  if (!resolved.ok) return jsonError(resolved.error, 400);
  const limits = deps.limits ?? NO_LIMITS;
  const client = deps.client ?? "unknown";
  const limited = await limits.chat(client, request.chatId);
  if (limited) return limitError(limited);
  const startedAt = performance.now();

  const reconciled = await (deps.histories ?? historiesFor(deps.store, deps.env)).reconcile(request);
  if (!reconciled.ok) return reconcileError(reconciled);
  const { messages, turn } = reconciled;
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
    // The stream ends (and the browser moves on) only once the upload and this step are in the store, so whichever
    // instance gets the next request reads them.
    onEnd: ({ responseMessage }) => turn.commit(responseMessage.parts.length > 0 ? responseMessage : null),
  });
  const body = toSseBody(ui, {
    // Usage goes out as a transient data part just before "finish" (metadata would be overwritten step by step).
    before: (chunk) => (chunk.type === "finish" && usage ? [{ type: "data-usage", data: usage, transient: true }] : undefined),
    errorText: (error) => JSON.stringify(describeError(error)),
  });
  return new Response(whenBodyEnds(body, () => stream.slot.release()), { headers: UI_STREAM_HEADERS });
}

function reconcileError(failure: Exclude<Reconciled, { ok: true }>): Response {
  switch (failure.code) {
    case "history-missing":
      return jsonError({ code: "history-missing", message: "The server does not have this chat's history; send it whole." }, 409);
    case "duplicate-id":
      return jsonError({ code: "bad-request", message: `Two messages of this chat have the id ${failure.id}.` }, 400);
    case "store-unavailable":
      return jsonError({ code: "server-error", message: "Tandem's chat history database is not available. Check DATABASE_URL / TANDEM_DATA_DIR on the server, then retry." }, 503);
  }
}

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
