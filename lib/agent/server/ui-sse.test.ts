import type { UIMessageChunk } from "ai";
import { describe, expect, it } from "vitest";
import { toSseBody } from "./ui-sse";

/** A stream of these chunks that, when `error` is given, then fails with it. */
function source(chunks: UIMessageChunk[], error?: Error): ReadableStream<UIMessageChunk> {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]!);
      else if (error) c.error(error);
      else c.close();
    },
  });
}
const read = (body: ReadableStream<Uint8Array>) => new Response(body).text();

describe("toSseBody", () => {
  it("writes each chunk as one SSE event, extra chunks before the ones asked for, then [DONE]", async () => {
    const body = toSseBody(source([{ type: "start" }, { type: "finish" }]), {
      before: (c) => (c.type === "finish" ? [{ type: "data-usage", data: { n: 1 }, transient: true }] : undefined),
      errorText: () => "x",
    });
    expect(await read(body)).toBe(
      'data: {"type":"start"}\n\ndata: {"type":"data-usage","data":{"n":1},"transient":true}\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n',
    );
  });

  it("ends a stream that breaks with an error chunk and [DONE], not a cut connection", async () => {
    const text = await read(toSseBody(source([{ type: "start" }], new Error("socket hang up")), { errorText: (e) => `failed: ${(e as Error).message}` }));
    expect(text).toBe('data: {"type":"start"}\n\ndata: {"type":"error","errorText":"failed: socket hang up"}\n\ndata: [DONE]\n\n');
  });
});
