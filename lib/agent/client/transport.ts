// Browser side of the chat protocol. Uploads only what the server does not have (the last message, anchored on the
// one before it); if the server lost the history it answers 409 and the whole history is sent once, transparently.
// The person's own key rides in a header to our own origin only.
import { DefaultChatTransport, type ChatTransport, type UIMessageChunk } from "ai";
import type { ModelSettings } from "../model-config";
import { API_KEY_HEADER, type AgentUIMessage, type ChatRequest } from "../protocol";

export interface AgentTransportOptions {
  api?: string;
  projectId: string;
  getSettings: () => { model?: ModelSettings; apiKey?: string };
  /** Sees every chunk as it arrives (recording sessions for replay). */
  onChunk?: (chunk: UIMessageChunk) => void;
  fetch?: typeof fetch;
}

export function buildChatRequest(chatId: string, projectId: string, messages: readonly AgentUIMessage[], full: boolean, model?: ModelSettings): ChatRequest {
  const last = messages.at(-1);
  const anchor = full || messages.length < 2 ? null : (messages.at(-2)?.id ?? null);
  const sent = anchor === null ? messages : last ? [last] : [];
  return {
    chatId,
    projectId,
    anchor,
    messages: sent.map(({ id, role, parts }) => ({ id, role: role === "system" ? "user" : role, parts: parts as ChatRequest["messages"][number]["parts"] })),
    ...(model ? { model } : {}),
  };
}

export function createAgentTransport(options: AgentTransportOptions): ChatTransport<AgentUIMessage> {
  const baseFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  // The full history of the request being sent, in case the server asks for it.
  let pending: { chatId: string; messages: AgentUIMessage[] } | null = null;

  const inner = new DefaultChatTransport<AgentUIMessage>({
    api: options.api ?? "/api/chat",
    prepareSendMessagesRequest: ({ id, messages }) => {
      const { model, apiKey } = options.getSettings();
      pending = { chatId: id, messages };
      return {
        body: buildChatRequest(id, options.projectId, messages, false, model),
        headers: (apiKey ? { [API_KEY_HEADER]: apiKey } : {}) as Record<string, string>,
      };
    },
    fetch: async (input, init) => {
      const response = await baseFetch(input, init);
      if (response.status !== 409 || !pending || typeof init?.body !== "string") return response;
      // Errors are { code, message } (older servers: { error: { code, message } }).
      const problem = (await response.clone().json().catch(() => null)) as { code?: string; error?: { code?: string } } | null;
      if ((problem?.code ?? problem?.error?.code) !== "history-missing") return response;
      const { model } = options.getSettings();
      const body = JSON.stringify(buildChatRequest(pending.chatId, options.projectId, pending.messages, true, model));
      return baseFetch(input, { ...init, body });
    },
  });

  if (!options.onChunk) return inner;
  const onChunk = options.onChunk;
  return {
    sendMessages: async (args) => {
      const stream = await inner.sendMessages(args);
      return stream.pipeThrough(
        new TransformStream<UIMessageChunk, UIMessageChunk>({
          transform(chunk, controller) {
            onChunk(chunk);
            controller.enqueue(chunk);
          },
        }),
      );
    },
    reconnectToStream: (args) => inner.reconnectToStream(args),
  };
}
