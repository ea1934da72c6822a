// Server only. One chat request: reconcile the upload with the stored history, stream one model step with the shared
// tools (they run in the browser), persist the assistant message, and report usage. The route only parses and calls.
import {
  convertToModelMessages,
  createUIMessageStream,
  createUIMessageStreamResponse,
  streamText,
  toUIMessageStream,
  type TextStreamPart,
  type UIMessageChunk,
} from "ai";
import type { ChatStore, StoredMessage } from "@/lib/chat-store/types";
import { classifyError, type AgentError } from "../errors";
import { resolveModel, type Env } from "../model-config";
import { stepCost } from "../pricing";
import { chatRequest, type AgentUIMessage, type ChatRequest, type StepUsage } from "../protocol";
import { agentTools } from "../tools/definitions";
import { planHistory } from "./history";
import { AGENT_INSTRUCTIONS } from "./instructions";
import { createModel } from "./provider";

export interface ChatServiceDeps {
  store: ChatStore;
  env: Env;
  /** For tests and benchmarks: the fetch the provider uses. */
  fetch?: typeof fetch;
}

export function jsonError(error: AgentError, status: number): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/** Parses the body; the key comes separately (a header) so it never sits in anything we might log or store. */
export async function handleChat(rawBody: unknown, apiKey: string | undefined, signal: AbortSignal, deps: ChatServiceDeps): Promise<Response> {
  const parsed = chatRequest.safeParse(rawBody);
  if (!parsed.success) return jsonError({ code: "bad-request", message: `Invalid chat request: ${parsed.error.issues[0]?.message ?? "bad body"}` }, 400);
  const request = parsed.data;
  const resolved = resolveModel(deps.env, request.model, apiKey);
  if (!resolved.ok) return jsonError(resolved.error, 400);
  const startedAt = performance.now();

  const history = await reconcile(deps.store, request);
  if (!history) return jsonError({ code: "history-missing", message: "The server does not have this chat's history; send it whole." }, 409);

  const messages = history.map((m) => JSON.parse(m.json) as AgentUIMessage);
  const modelMessages = await convertToModelMessages<AgentUIMessage>(messages, {
    tools: agentTools,
    // A stopped or failed step can leave a call without a result; it is dropped rather than sent half-done.
    ignoreIncompleteToolCalls: true,
    convertDataPart: (part) => (part.type === "data-context" ? { type: "text", text: part.data.text } : undefined),
  });
  const { model, providerOptions, providerName } = createModel(resolved.value, request.chatId, deps.fetch);
  let firstTokenAt: number | null = null;
  let usage: StepUsage | null = null;

  const result = streamText({
    model,
    instructions: AGENT_INSTRUCTIONS,
    messages: modelMessages,
    tools: agentTools,
    providerOptions,
    abortSignal: signal,
    // Retrying is the person's choice (the panel shows the cause, retry-after and a Retry button).
    maxRetries: 0,
    // The error reaches the person through the stream; the server log gets the cause only (never bodies or keys).
    onError: ({ error }) => console.warn(`chat ${request.chatId}: ${classifyError(error, providerName).code}`),
  });

  const measured = result.stream.pipeThrough(
    new TransformStream<TextStreamPart<typeof agentTools>, TextStreamPart<typeof agentTools>>({
      transform(part, controller) {
        if (firstTokenAt === null && (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-start"))
          firstTokenAt = performance.now();
        if (part.type === "finish-step") usage = describeUsage(part, resolved.value.model, startedAt, firstTokenAt);
        controller.enqueue(part);
      },
    }),
  );

  const stream = createUIMessageStream<AgentUIMessage>({
    originalMessages: messages,
    execute: ({ writer }) => {
      const ui = toUIMessageStream<typeof agentTools, AgentUIMessage>({
        stream: measured,
        tools: agentTools,
        sendReasoning: true,
        // Tool input errors (bad JSON, unknown tool) go to the model and the card as they are, not as stream errors.
        redactToolErrors: false,
        onError: (error) => JSON.stringify(classifyError(error, providerName)),
      });
      // Usage goes out as a transient data part just before "finish" (metadata would be overwritten step by step).
      writer.merge(
        ui.pipeThrough(
          new TransformStream<UIMessageChunk, UIMessageChunk>({
            transform(chunk, controller) {
              if (chunk.type === "finish" && usage) controller.enqueue({ type: "data-usage", data: usage, transient: true });
              controller.enqueue(chunk);
            },
          }),
        ) as ReadableStream<never>,
      );
    },
    onEnd: async ({ responseMessage }) => {
      if (responseMessage.parts.length === 0) return;
      await deps.store.upsert(request.chatId, [toStored(responseMessage)], request.projectId);
    },
    onError: (error) => JSON.stringify(classifyError(error, providerName)),
  });
  // no-transform: no gzip on the stream (per-chunk compression flushes cost CPU and add latency for tiny chunks).
  return createUIMessageStreamResponse({ stream, headers: { "cache-control": "no-store, no-transform" } });
}

async function reconcile(store: ChatStore, request: ChatRequest): Promise<StoredMessage[] | null> {
  const stored = await store.load(request.chatId);
  const incoming = request.messages.map((m) => ({ id: m.id, role: m.role, json: JSON.stringify(m) }));
  const plan = planHistory(stored, request.anchor, incoming);
  if (plan.kind === "missing") return null;
  if (plan.kind === "replace") await store.replace(request.chatId, plan.history, request.projectId);
  else if (plan.upsert.length > 0) await store.upsert(request.chatId, plan.upsert, request.projectId);
  return plan.history;
}

function toStored(message: AgentUIMessage): StoredMessage {
  return { id: message.id, role: message.role, json: JSON.stringify(message) };
}

function describeUsage(
  part: Extract<TextStreamPart<typeof agentTools>, { type: "finish-step" }>,
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
  };
}
