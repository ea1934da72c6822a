// For tests: read /api/chat's answer (handleChat's Response) the way the browser does — SSE → UI message chunks → the
// assistant message — keeping the usage parts, errors and text deltas aside.
import { readUIMessageStream, type UIMessageChunk } from "ai";
import type { AgentUIMessage, StepUsage } from "../protocol";

export interface ReadResponse {
  status: number;
  /** The JSON body of a non-stream answer (400, 409). */
  json: unknown;
  message: AgentUIMessage | null;
  usage: StepUsage[];
  errors: string[];
  textDeltas: string[];
}

export async function readChatResponse(response: Response): Promise<ReadResponse> {
  if (!response.ok || !response.body) return { status: response.status, json: await response.json(), message: null, usage: [], errors: [], textDeltas: [] };
  const usage: StepUsage[] = [];
  const errors: string[] = [];
  const textDeltas: string[] = [];
  const chunks = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(sseToChunks())
    .pipeThrough(
      new TransformStream<UIMessageChunk, UIMessageChunk>({
        transform(chunk, c) {
          if (chunk.type === "data-usage") usage.push(chunk.data as StepUsage);
          if (chunk.type === "text-delta") textDeltas.push(chunk.delta);
          if (chunk.type === "error") errors.push(chunk.errorText);
          else c.enqueue(chunk);
        },
      }),
    );
  let message: AgentUIMessage | null = null;
  for await (const m of readUIMessageStream<AgentUIMessage>({ stream: chunks as ReadableStream<never> })) message = m;
  return { status: response.status, json: null, message, usage, errors, textDeltas };
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
