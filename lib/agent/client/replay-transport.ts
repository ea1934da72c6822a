// A ChatTransport that answers from a recording instead of a model: each request gets the next recorded model step,
// streamed with its original timing (optionally faster). The tool calls in it run for real in the browser, so the demo
// shows the product working without a key. Aborting (Stop) ends the stream like a real one.
import type { ChatTransport, UIMessageChunk } from "ai";
import type { AgentUIMessage } from "../protocol";
import { modelSteps, type Recording } from "../recording";

export function createReplayTransport(rec: Recording, options: { speed?: number } = {}): ChatTransport<AgentUIMessage> & { remaining(): number } {
  const steps = modelSteps(rec);
  let next = 0;
  const speed = options.speed ?? 1;
  return {
    remaining: () => steps.length - next,
    sendMessages: async ({ abortSignal }) => {
      const chunks = steps[next++] ?? [
        { dt: 0, chunk: { type: "start" } as UIMessageChunk },
        { dt: 0, chunk: { type: "error", errorText: JSON.stringify({ code: "no-model", message: "The demo has ended. Add a key in settings to continue with a real model." }) } as UIMessageChunk },
      ];
      return new ReadableStream<UIMessageChunk>({
        async start(controller) {
          let last = 0;
          for (const { dt, chunk } of chunks) {
            const wait = Math.max(0, (dt - last) / speed);
            last = dt;
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            if (abortSignal?.aborted) {
              controller.close();
              return;
            }
            controller.enqueue(chunk);
          }
          controller.close();
        },
      });
    },
    reconnectToStream: async () => null,
  };
}
