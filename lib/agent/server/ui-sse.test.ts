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
/** Reads the body write by write, as text. */
function writes(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  return {
    read: async () => {
      const { done, value } = await reader.read();
      return { done, value: value && decoder.decode(value) };
    },
  };
}

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

  it("sends chunks that are ready together in one write, and a late chunk without waiting for more", async () => {
    let push!: (c: UIMessageChunk) => void;
    let end!: () => void;
    const upstream = new ReadableStream<UIMessageChunk>({
      start(c) {
        for (const type of ["start", "start-step", "finish-step"] as const) c.enqueue({ type });
        push = (chunk) => c.enqueue(chunk);
        end = () => c.close();
      },
    });
    const reader = writes(toSseBody(upstream, { errorText: () => "x" }));
    expect((await reader.read()).value).toBe('data: {"type":"start"}\n\ndata: {"type":"start-step"}\n\ndata: {"type":"finish-step"}\n\n');
    // The burst went out although the stream is still open; what comes later is a write of its own.
    setTimeout(() => push({ type: "finish" }), 5);
    expect((await reader.read()).value).toBe('data: {"type":"finish"}\n\n');
    end();
    expect((await reader.read()).value).toBe("data: [DONE]\n\n");
    expect((await reader.read()).done).toBe(true);
  });

  it("a stream that fails after a write went out still ends with an error chunk, and nothing is unhandled", async () => {
    let fail!: (e: Error) => void;
    const upstream = new ReadableStream<UIMessageChunk>({
      start(c) {
        c.enqueue({ type: "start" });
        fail = (e) => c.error(e);
      },
    });
    const reader = writes(toSseBody(upstream, { errorText: (e) => `failed: ${(e as Error).message}` }));
    expect((await reader.read()).value).toBe('data: {"type":"start"}\n\n');
    fail(new Error("reset"));
    expect((await reader.read()).value).toBe('data: {"type":"error","errorText":"failed: reset"}\n\ndata: [DONE]\n\n');
    expect((await reader.read()).done).toBe(true);
  });
});
