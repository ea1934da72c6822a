import { describe, expect, it } from "vitest";
import { jsonDepth, readJsonBody } from "./json-body";

const limits = { maxBytes: 1024, maxDepth: 8 };
const post = (body: BodyInit, type = "application/json", headers: Record<string, string> = {}) =>
  new Request("http://x/api", { method: "POST", body, headers: { "content-type": type, ...headers }, duplex: "half" } as RequestInit);

function streamOf(parts: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    pull(c) {
      const next = parts.shift();
      if (next === undefined) c.close();
      else c.enqueue(enc.encode(next));
    },
  });
}

describe("readJsonBody", () => {
  it("parses JSON sent as JSON", async () => {
    expect(await readJsonBody(post('{"a":[1,{"b":2}]}'), limits)).toMatchObject({ ok: true, value: { a: [1, { b: 2 }] } });
    expect(await readJsonBody(post("{}", "application/json; charset=utf-8"), limits)).toMatchObject({ ok: true });
  });

  it("refuses bodies that are not declared JSON (a cross-site no-cors POST can only send text/plain)", async () => {
    const r = await readJsonBody(post("{}", "text/plain"), limits);
    expect(r).toMatchObject({ ok: false, failure: { status: 415, body: { code: "unsupported-media-type" } } });
  });

  it("refuses a body over the cap by its declared length, and by what arrives when it has none", async () => {
    expect(await readJsonBody(post("x".repeat(10), "application/json", { "content-length": "5000" }), limits)).toMatchObject({ ok: false, failure: { status: 413 } });
    const streamed = await readJsonBody(post(streamOf(['{"a":"', "x".repeat(600), "x".repeat(600), '"}'])), limits);
    expect(streamed).toMatchObject({ ok: false, failure: { status: 413, body: { code: "too-large", message: expect.stringMatching(/1 KB/) } } });
  });

  it("refuses nesting deeper than the cap before parsing", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(await readJsonBody(post(deep), { maxBytes: 1e6, maxDepth: 64 })).toMatchObject({ ok: false, failure: { status: 400, body: { code: "too-deep" } } });
  });

  it("says when the body is not JSON", async () => {
    expect(await readJsonBody(post("{nope"), limits)).toMatchObject({ ok: false, failure: { status: 400, body: { code: "bad-request", message: expect.stringMatching(/not valid JSON/) } } });
    expect(await readJsonBody(post(""), limits)).toMatchObject({ ok: false, failure: { status: 400 } });
  });
});

describe("jsonDepth", () => {
  it("counts arrays and objects, not brackets inside strings", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('["[[[[", "\\"[[["]')).toBe(1);
  });
  it("stops as soon as it passes the cap", () => {
    expect(jsonDepth("[".repeat(100), 3)).toBe(4);
  });
});
