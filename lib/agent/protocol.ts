// What travels between the browser and /api/chat: the UI message type (typed by the tool definitions), the request
// body, the usage data part and the error payload. Shared by the route (parsing) and the browser (building).
//
// The upload is a delta: `anchor` is the last message the server holds unchanged; after it come whole messages, or
// patches of messages the server holds (only the parts that changed since the server's copy, anchored on that copy's
// hash, see sync.ts). A whole upload (anchor null) replaces the server's history.
import type { UIMessage } from "ai";
import { z } from "zod";
import type { AgentUITools } from "./tools/definitions";
import { modelSettings } from "./model-config";
import { contextData, describeIssue, messageId, messageMetadata, messagePart, messageParts, messageRole, MESSAGE_LIMITS, tooDeep, type ContextData } from "./message-schema";
import { partHashSchema, storedParts, type PartsPatch, type StoredParts } from "./sync";

export { contextData, type ContextData };

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

export { storedParts, type StoredParts };
export type AgentDataTypes = { context: ContextData; usage: StepUsage; stored: StoredParts };
export type AgentMessageMetadata = { createdAt?: number };
export type AgentUIMessage = UIMessage<AgentMessageMetadata, AgentDataTypes, AgentUITools>;
export type AgentPart = AgentUIMessage["parts"][number];

const wholeMessage = z.strictObject({
  id: messageId,
  role: messageRole,
  parts: messageParts,
  metadata: messageMetadata,
});
const patchedMessage = z.strictObject({
  id: messageId,
  role: messageRole,
  patch: z.strictObject({
    base: z.strictObject({ parts: z.number().int().min(0).max(MESSAGE_LIMITS.partsPerMessage), hash: partHashSchema }),
    set: z
      .array(z.strictObject({ at: z.number().int().min(0).max(MESSAGE_LIMITS.partsPerMessage), part: messagePart }))
      .max(MESSAGE_LIMITS.partsPerMessage)
      .optional(),
    append: messageParts.optional(),
  }),
});

/** A message after the anchor: whole, or a patch of the server's copy (told apart by `patch`). */
const uploadedMessage = z.unknown().transform((value, ctx) => {
  const schema = typeof value === "object" && value !== null && "patch" in value ? patchedMessage : wholeMessage;
  const result = schema.safeParse(value);
  if (result.success) return value as WholeMessage | PatchedMessage;
  for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, input: undefined });
  return z.NEVER;
});

export interface WholeMessage {
  id: string;
  role: "user" | "assistant";
  parts: AgentPart[];
  metadata?: AgentMessageMetadata;
}
export interface PatchedMessage {
  id: string;
  role: "user" | "assistant";
  patch: PartsPatch<AgentPart>;
}
export type UploadedMessage = WholeMessage | PatchedMessage;
export const isPatch = (m: UploadedMessage): m is PatchedMessage => "patch" in m;

export const chatRequest = z
  .strictObject({
    chatId: messageId,
    projectId: messageId.optional(),
    /** Only what the server does not have yet: messages after `anchor`. */
    messages: z.array(uploadedMessage).min(1, "must hold at least one message").max(MESSAGE_LIMITS.messagesPerRequest),
    /** Id of the message just before `messages[0]`, or null when `messages` is the whole history. */
    anchor: messageId.nullable(),
    model: modelSettings.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.anchor !== null) return;
    const at = request.messages.findIndex(isPatch);
    if (at !== -1) ctx.addIssue({ code: "custom", path: ["messages", at, "patch"], message: "a whole upload (anchor null) cannot patch: send every message whole" });
  });
export type ChatRequest = z.infer<typeof chatRequest>;

export type ParsedChatRequest = { ok: true; request: ChatRequest } | { ok: false; message: string };

/** The body checked before anything else runs: nesting first (the schemas recurse), then every field. The message
 * names the first thing that was wrong, with its path. */
export function parseChatRequest(body: unknown): ParsedChatRequest {
  const deep = tooDeep(body);
  if (deep) return { ok: false, message: `Invalid chat request: ${deep} nests more than ${MESSAGE_LIMITS.depth} levels of objects and arrays.` };
  const parsed = chatRequest.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `Invalid chat request: ${issue ? describeIssue(issue) : "bad body"}.` };
}

/** Header carrying a person's own API key from their browser to our origin (never stored, never logged). */
export const API_KEY_HEADER = "x-tandem-model-key";
/** Header carrying the chat's secret, made by the browser that created the chat and kept with it (see chat-owner). */
export const CHAT_SECRET_HEADER = "x-tandem-chat-secret";
export const chatSecret = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, "must be 32 to 128 base64url characters");

export { agentError, agentErrorCode, parseAgentError, type AgentError, type AgentErrorCode } from "./errors";
