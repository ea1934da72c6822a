// Output of a running program, coalesced: a program printing 100,000 lines must not send 100,000 messages. A chunk
// goes out at once when the last one left ≥ 16 ms ago — synchronously, so the line printed just before
// `while(true){}` is still seen — and otherwise on a timer or at `flush()`.
import { hostTimers } from "./node/host-timers";

export type Stream = "stdout" | "stderr";

export function createOutputPump(send: (stream: Stream, data: string) => void) {
  let queue: Array<{ stream: Stream; data: string }> = [];
  let lastSent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    hostTimers.clearTimeout(timer);
    timer = undefined;
    lastSent = performance.now();
    const chunks = queue;
    queue = [];
    for (const chunk of chunks) send(chunk.stream, chunk.data);
  };
  return {
    write(stream: Stream, data: string) {
      if (!data) return;
      const last = queue[queue.length - 1];
      if (last?.stream === stream) last.data += data;
      else queue.push({ stream, data });
      if (performance.now() - lastSent >= 16) flush();
      else timer ??= hostTimers.setTimeout(flush, 16);
    },
    flush,
  };
}
