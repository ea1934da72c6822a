// Browser side of the chat protocol. Uploads only what the server does not have (ServerCopy: the parts changed since
// the server's copy, anchored on it); if the server's copy differs it answers 409 and the transport resends, once with
// the changed messages whole (history-diverged), or once with the whole history (history-missing), transparently.
// The person's own key and the chat's secret ride in headers to our own origin only.
import { DefaultChatTransport, type ChatTransport, type UIMessageChunk } from "ai";
import type { ModelSettings } from "../model-config";
import { API_KEY_HEADER, CHAT_SECRET_HEADER, storedParts, type AgentUIMessage, type ChatRequest } from "../protocol";
import { ServerCopy, type UploadMode, type UploadPlan } from "./server-copy";

export interface AgentTransportOptions {
  api?: string;
  projectId: string;
  /** The chat's secret (made with the chat, kept in its record). */
  chatSecret: string;
  /** What the server holds of this chat (kept in its record). */
  serverCopy: ServerCopy;
  getSettings: () => { model?: ModelSettings; apiKey?: string };
  /** Sees every chunk as it arrives (recording sessions for replay). */
  onChunk?: (chunk: UIMessageChunk) => void;
  fetch?: typeof fetch;
}

export function buildChatRequest(chatId: string, projectId: string, plan: UploadPlan, model?: ModelSettings): ChatRequest {
  return { chatId, projectId, anchor: plan.anchor, messages: plan.messages, ...(model ? { model } : {}) };
}

/** What to send after a 409, by its code; null: give the error to the chat. */
function fallback(code: string | undefined, tried: UploadMode): UploadMode | null {
  if (code === "history-missing" && tried !== "everything") return "everything";
  if (code === "history-diverged" && tried === "delta") return "whole-messages";
  return null;
}

export function createAgentTransport(options: AgentTransportOptions): ChatTransport<AgentUIMessage> {
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const copy = options.serverCopy;
  // The request being sent: its history (in case the server asks for more), its plan, and what the server stored.
  let current: { chatId: string; messages: AgentUIMessage[]; plan: UploadPlan; stored: unknown; settled: boolean } | null = null;

  const inner = new DefaultChatTransport<AgentUIMessage>({
    api: options.api ?? "/api/chat",
    prepareSendMessagesRequest: ({ id, messages }) => {
      // A request that never finished (Stop, a dropped connection) leaves nothing known of what it carried.
      if (current && !current.settled) copy.settle(current.plan, null);
      const { model, apiKey } = options.getSettings();
      const plan = copy.plan(messages);
      current = { chatId: id, messages, plan, stored: null, settled: false };
      return {
        body: buildChatRequest(id, options.projectId, plan, model),
        headers: { [CHAT_SECRET_HEADER]: options.chatSecret, ...(apiKey ? { [API_KEY_HEADER]: apiKey } : {}) },
      };
    },
    fetch: async (input, init) => {
      let response = await baseFetch(input, init);
      let mode: UploadMode = "delta";
      while (response.status === 409 && current && typeof init?.body === "string") {
        // Errors are { code, message } (older servers: { error: { code, message } }).
        const problem = (await response.clone().json().catch(() => null)) as { code?: string; error?: { code?: string } } | null;
        const next = fallback(problem?.code ?? problem?.error?.code, mode);
        if (!next) break;
        mode = next;
        const { model } = options.getSettings();
        current.plan = copy.plan(current.messages, mode);
        response = await baseFetch(input, { ...init, body: JSON.stringify(buildChatRequest(current.chatId, options.projectId, current.plan, model)) });
      }
      return response;
    },
  });

  return {
    sendMessages: async (args) => {
      const stream = await inner.sendMessages(args);
      const request = current;
      return stream.pipeThrough(
        new TransformStream<UIMessageChunk, UIMessageChunk>({
          transform(chunk, controller) {
            if (chunk.type === "data-stored" && request) request.stored = chunk.data;
            options.onChunk?.(chunk);
            controller.enqueue(chunk);
          },
          // Before the chat sees the end (and saves the record with what the server holds).
          flush() {
            if (!request || request.settled) return;
            const stored = storedParts.safeParse(request.stored);
            copy.settle(request.plan, stored.success ? stored.data : null);
            request.settled = true;
          },
        }),
      );
    },
    reconnectToStream: (args) => inner.reconnectToStream(args),
  };
}
