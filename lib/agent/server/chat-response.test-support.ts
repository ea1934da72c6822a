// For tests: read /api/chat's answer (handleChat's Response) the way the browser does — SSE → UI message chunks → the
// assistant message — keeping the usage parts, errors and text deltas aside.
import { readUIMessageStream, type UIMessageChunk } from "ai";
import { API_KEY_HEADER, CHAT_SECRET_HEADER, type AgentUIMessage, type StepUsage, type StoredParts } from "../protocol";

/** A chat secret for tests (the browser makes a random one per chat). */
export const TEST_SECRET = "test-secret-0123456789abcdefghijklmnopqrstuv";

/** The headers the browser sends: the chat's secret and, optionally, the person's key. */
export function chatHeaders(apiKey?: string, secret: string | null = TEST_SECRET): Headers {
  const headers = new Headers();
  if (secret !== null) headers.set(CHAT_SECRET_HEADER, secret);
  if (apiKey) headers.set(API_KEY_HEADER, apiKey);
  return headers;
}

export interface ReadResponse {
  status: number;
  /** The JSON body of a non-stream answer (400, 409). */
  json: unknown;
  message: AgentUIMessage | null;
  usage: StepUsage[];
  /** What the server said it stored (data-stored). */
  stored: StoredParts[];
  errors: string[];
  textDeltas: string[];
}

/** `message`: the assistant message being continued (the browser's Chat continues it the same way). */
export async function readChatResponse(response: Response, message?: AgentUIMessage): Promise<ReadResponse> {
  if (!response.ok || !response.body) return { status: response.status, json: await response.json(), message: null, usage: [], stored: [], errors: [], textDeltas: [] };
  const usage: StepUsage[] = [];
  const stored: StoredParts[] = [];
  const errors: string[] = [];
  const textDeltas: string[] = [];
  const chunks = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(sseToChunks())
    .pipeThrough(
      new TransformStream<UIMessageChunk, UIMessageChunk>({
        transform(chunk, c) {
          if (chunk.type === "data-usage") usage.push(chunk.data as StepUsage);
          if (chunk.type === "data-stored") stored.push(chunk.data as StoredParts);
          if (chunk.type === "text-delta") textDeltas.push(chunk.delta);
          if (chunk.type === "error") errors.push(chunk.errorText);
          else c.enqueue(chunk);
        },
      }),
    );
  let last: AgentUIMessage | null = null;
  for await (const m of readUIMessageStream<AgentUIMessage>({ stream: chunks as ReadableStream<never>, ...(message ? { message } : {}) })) last = m;
  return { status: response.status, json: null, message: last, usage, stored, errors, textDeltas };
}

function sseToChunks(): TransformStream<string, UIMessageChunk> {
  let buffer = "";
  return new TransformStream({
    transform(text, controller) {
      buffer += text;
      let at: number;
      while ((at = buffer.indexOf("\n\n")) !== -1) {
        const event = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const data = event.split("\n").find((l) => l.startsWith("data: "))?.slice(6);
        if (data && data !== "[DONE]") controller.enqueue(JSON.parse(data) as UIMessageChunk);
      }
    },
  });
}
