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

type Read = ReadableStreamReadResult<UIMessageChunk>;
const NOT_YET = Symbol("not yet");
/** Resolves once the microtasks queued now have run (setImmediate runs after them, in this turn of the event loop). */
const afterMicrotasks = () => new Promise<typeof NOT_YET>((resolve) => setImmediate(resolve, NOT_YET));

/**
 * Chunks that are ready together go out as one body write: a model's burst (a whole tool call and the step's end
 * often arrive in one network read) becomes one socket write here and one read in the browser, not a dozen of each.
 * A chunk that is not ready yet is not waited for (it goes out in the next write), so streaming text is not delayed.
 */
export function toSseBody(chunks: ReadableStream<UIMessageChunk>, options: SseOptions): ReadableStream<Uint8Array> {
  const reader = chunks.getReader();
  const encoder = new TextEncoder();
  const event = (chunk: UIMessageChunk) => `data: ${JSON.stringify(chunk)}\n\n`;
  // A read that was not ready when the last write went out; the next pull starts with it.
  let pending: Promise<Read> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let text = "";
      try {
        let result = await (pending ?? reader.read());
        pending = null;
        for (;;) {
          if (result.done) {
            controller.enqueue(encoder.encode(text + "data: [DONE]\n\n"));
            controller.close();
            return;
          }
          const extra = options.before?.(result.value);
          text += extra ? extra.map(event).join("") + event(result.value) : event(result.value);
          const next = reader.read();
          const ready = await Promise.race([next, afterMicrotasks()]);
          if (ready === NOT_YET) {
            // Awaited by the next pull; until then a failure must not count as unhandled.
            next.catch(() => undefined);
            pending = next;
            break;
          }
          result = ready;
        }
        controller.enqueue(encoder.encode(text));
      } catch (error) {
        // A broken stream still ends as the protocol says, with the cause as an error chunk the panel can show.
        pending = null;
        controller.enqueue(encoder.encode(text + event({ type: "error", errorText: options.errorText(error) }) + "data: [DONE]\n\n"));
        controller.close();
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
