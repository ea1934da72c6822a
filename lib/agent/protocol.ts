// What travels between the browser and /api/chat: the UI message type (typed by the tool definitions), the request
// body, the usage data part and the error payload. Shared by the route (parsing) and the browser (building).
import type { UIMessage } from "ai";
import { z } from "zod";
import type { AgentUITools } from "./tools/definitions";
import { modelSettings } from "./model-config";

/** Dynamic context for one user message (open file, selection, diagnostics, AGENTS.md). Shown to the model as text
 * inside that user message — never in the instructions — so earlier steps stay a stable, cacheable prefix. */
export const contextData = z.object({ text: z.string().max(200_000), label: z.string().max(200) });
export type ContextData = z.infer<typeof contextData>;

/** Usage and timing of one model step, sent as a transient data part (message metadata would be overwritten). */
export const stepUsage = z.object({
  model: z.string(),
  inputTokens: z.number(),
  cachedInputTokens: z.number(),
  outputTokens: z.number(),
  reasoningTokens: z.number(),
  /** Dollars: provider-reported when available, else computed from the price table; null when neither knows. */
  costUsd: z.number().nullable(),
  costSource: z.enum(["provider", "price-table", "unknown"]),
  /** Milliseconds from the request reaching the server to the first streamed token. */
  timeToFirstTokenMs: z.number().nullable(),
  /** Milliseconds the model spent streaming (first token to end). */
  streamMs: z.number(),
  finishReason: z.string(),
  /** The model's context window in tokens, when known (older recordings lack it). */
  contextWindow: z.number().nullable().optional(),
});
export type StepUsage = z.infer<typeof stepUsage>;

export type AgentDataTypes = { context: ContextData; usage: StepUsage };
export type AgentMessageMetadata = { createdAt?: number };
export type AgentUIMessage = UIMessage<AgentMessageMetadata, AgentDataTypes, AgentUITools>;

const uiMessage = z.object({
  id: z.string().min(1).max(200),
  role: z.enum(["user", "assistant"]),
  parts: z.array(z.looseObject({ type: z.string().max(100) })).max(2_000),
  metadata: z.unknown().optional(),
});

export const chatRequest = z.object({
  chatId: z.string().min(1).max(200),
  projectId: z.string().max(200).optional(),
  /** Only what the server does not have yet: messages after `anchor`. */
  messages: z.array(uiMessage).min(1).max(5_000),
  /** Id of the message just before `messages[0]`, or null when `messages` is the whole history. */
  anchor: z.string().max(200).nullable(),
  model: modelSettings.optional(),
});
export type ChatRequest = z.infer<typeof chatRequest>;

/** Header carrying a person's own API key from their browser to our origin (never stored, never logged). */
export const API_KEY_HEADER = "x-tandem-model-key";

export { agentError, agentErrorCode, parseAgentError, type AgentError, type AgentErrorCode } from "./errors";
