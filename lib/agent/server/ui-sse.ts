// Server only. The UI message stream as the HTTP body the AI SDK's client reads (`data: <chunk JSON>` events, then
// `data: [DONE]`), in one step: each stream stage costs a few microseconds per chunk, and the AI SDK's own response
// helper adds three (JSON to SSE, keep-alive wrapper, text encoding) on top of those it already has.
import type { UIMessageChunk } from "ai";

/** The headers of the AI SDK's UI message stream protocol. no-transform: no gzip (per-chunk flushes cost CPU). */
export const UI_STREAM_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-store, no-transform",
  connection: "keep-alive",
  "x-vercel-ai-ui-message-stream": "v1",
  "x-accel-buffering": "no",
} as const;

export interface SseOptions {
  /** Chunks to send just before this one (e.g. usage before "finish"). */
  before?: (chunk: UIMessageChunk) => UIMessageChunk[] | undefined;
  /** The error text for an error the stream itself throws: it reaches the person as an error chunk. */
  errorText: (error: unknown) => string;
}

export function toSseBody(chunks: ReadableStream<UIMessageChunk>, options: SseOptions): ReadableStream<Uint8Array> {
  const reader = chunks.getReader();
  const encoder = new TextEncoder();
  const event = (chunk: UIMessageChunk) => `data: ${JSON.stringify(chunk)}\n\n`;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
          return;
        }
        const extra = options.before?.(value);
        controller.enqueue(encoder.encode(extra ? extra.map(event).join("") + event(value) : event(value)));
      } catch (error) {
        // A broken stream still ends as the protocol says, with the cause as an error chunk the panel can show.
        controller.enqueue(encoder.encode(event({ type: "error", errorText: options.errorText(error) }) + "data: [DONE]\n\n"));
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
