// The sandbox server as a hostile client meets it: requests that ended the process before (finding 3 of issue 10),
// uploads without the session's secret or from another origin (finding 5), previews on origins of their own (6).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PREVIEW_API, PREVIEW_CONSOLE_PATH } from "../offline/preview-protocol.ts";
import { httpRequest, rawRequest } from "./raw-http-client.ts";
import type { SandboxServer } from "./server.ts";
import { hostFetch, openSession, pageHeaders, previewHost, sandboxHost, startTestServer, upload } from "./test-server.ts";

let server: SandboxServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const alive = async () => expect((await hostFetch(server, sandboxHost(server), "/sandbox.html")).status).toBe(200);
const raw = (method: string, target: string, host: string, headers: Record<string, string | null> = {}, body = "") =>
  rawRequest(server.port, httpRequest(method, target, { Host: host, Connection: "close", ...headers }, body));

function expectJsonError(res: { status: number; headers: Record<string, string>; body: Buffer } | null, status: number, code?: string) {
  expect(res?.status).toBe(status);
  expect(res?.headers["content-type"]).toMatch(/^application\/json/);
  const body = JSON.parse(res?.body.toString("utf8") ?? "") as { code: string; message: string };
  expect(typeof body.message).toBe("string");
  if (code) expect(body.code).toBe(code);
}

describe("requests that used to end the process", () => {
  it("GET //[ on the sandbox host is a 400 JSON, and the server keeps serving", async () => {
    expectJsonError(await raw("GET", "//[", sandboxHost(server)), 400, "bad-url");
    await alive();
  });

  it("a malformed % escape under a preview is a 404, and a file named 100%.png is served as it is", async () => {
    const { id, secret } = await openSession(server);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64");
    const ops = [
      { type: "write" as const, path: "index.html", content: '<img src="100%.png">' },
      { type: "write" as const, path: "100%.png", content: png, base64: true },
    ];
    expect((await upload(server, id, secret, ops, true)).status).toBe(200);
    const image = await raw("GET", "/100%.png", previewHost(server, id), { "Sec-Fetch-Dest": "image" });
    expect(image?.status).toBe(200);
    expect(image?.headers["content-type"]).toBe("image/png");
    expect(image?.body.toString("base64")).toBe(png);
    expectJsonError(await raw("GET", "/%", previewHost(server, id), { "Sec-Fetch-Dest": "script" }), 404, "not-found");
    expectJsonError(await raw("GET", "/%E0%A4%A", previewHost(server, id), { "Sec-Fetch-Dest": "image" }), 404);
    await alive();
  });

  it("targets that are not a path, raw controls and non-ASCII are 400 JSON; an over-long URL is 414", async () => {
    for (const target of ["*", "http://evil.example/", "/a b", "/\x01", "/é", "//etc/passwd"]) {
      const res = await rawRequest(server.port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: ${sandboxHost(server)}\r\nConnection: close\r\n\r\n`, "utf8"));
      expect(res?.status, target).toBe(400);
      expect(res?.headers["content-type"], target).toMatch(/^application\/json/);
    }
    expectJsonError(await raw("GET", `/${"a".repeat(9000)}`, sandboxHost(server)), 414, "url-too-long");
    await alive();
  });

  it("what Node's parser refuses (a NUL, a broken header) still gets a JSON 400", async () => {
    const nul = await rawRequest(server.port, `GET /\0 HTTP/1.1\r\nHost: ${sandboxHost(server)}\r\n\r\n`);
    expectJsonError(nul, 400, "bad-request");
    expectJsonError(await rawRequest(server.port, "NOT HTTP AT ALL\r\n\r\n"), 400, "bad-request");
    const huge = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: ${sandboxHost(server)}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expectJsonError(huge, 431, "headers-too-large");
    await alive();
  });

  it("headers and bodies that arrive too slowly are cut off with a 408 JSON", async () => {
    const slowHeaders = await rawRequest(server.port, `GET /sandbox.html HTTP/1.1\r\nHost: ${sandboxHost(server)}\r\n`, { timeoutMs: 5_000 });
    expectJsonError(slowHeaders, 408, "request-timeout");
    const { id, secret } = await openSession(server);
    const slowBody = await rawRequest(
      server.port,
      httpRequest("POST", `${PREVIEW_API}/${id}`, { Host: sandboxHost(server), ...pageHeaders(server, secret), "Content-Length": "100" }, '{"ops":'),
      { timeoutMs: 5_000 },
    );
    expectJsonError(slowBody, 408, "body-timeout");
    await alive();
  });
});

describe("slow and heavy uploads", () => {
  it("a body trickled to hold an upload slot is cut off long before the body timeout; the shared buffer is bounded", async () => {
    const strict = await startTestServer({
      edge: { bodyTimeoutMs: 60_000, minBodyBytesPerSecond: 1_000, bodyGraceMs: 300 },
      concurrentUploads: { perClient: 4, total: 64, bufferedBytes: 4_000 },
    });
    try {
      const { id, secret } = await openSession(strict);
      const headers = { Host: sandboxHost(strict), ...pageHeaders(strict, secret) };
      const trickle = await rawRequest(strict.port, httpRequest("POST", `${PREVIEW_API}/${id}`, { ...headers, "Content-Length": "5000" }, "{"), {
        later: { bytes: '"ops"', afterMs: 200 },
        timeoutMs: 30_000,
      });
      expectJsonError(trickle, 408, "body-too-slow");
      const big = JSON.stringify({ ops: [{ type: "write", path: "a.txt", content: "x".repeat(5_000) }] });
      const busy = await rawRequest(strict.port, httpRequest("POST", `${PREVIEW_API}/${id}`, { ...headers, "Content-Length": String(big.length), Connection: "close" }, big));
      expectJsonError(busy, 429, "server-busy");
      expect(busy?.headers["retry-after"]).toBe("2");
      // What was held is given back: a small upload goes through.
      expect((await upload(strict, id, secret, [{ type: "write", path: "b.txt", content: "ok" }])).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe("methods, hosts and sizes", () => {
  it("every method a route does not take is a 405 JSON that says which it takes", async () => {
    for (const method of ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "POST"]) {
      const res = await raw(method, "/sandbox.html", sandboxHost(server));
      expectJsonError(res, 405, "method-not-allowed");
      expect(res?.headers.allow).toBe("GET, HEAD");
    }
    expectJsonError(await raw("GET", PREVIEW_API, sandboxHost(server)), 405);
    const { id } = await openSession(server);
    expectJsonError(await raw("POST", "/", previewHost(server, id), { "Content-Length": "0" }), 405);
    expectJsonError(await raw("TRACE", "/", previewHost(server, id)), 405);
  });

  it("another Host (127.0.0.1 would share the IDE's site, a rebinding name, none) is a 421 JSON", async () => {
    for (const host of [`127.0.0.1:${server.port}`, "evil.example", `${"f".repeat(31)}.localhost:${server.port}`, ""]) expectJsonError(await raw("GET", "/sandbox.html", host), 421, "wrong-host");
    expectJsonError(await rawRequest(server.port, "GET /sandbox.html HTTP/1.0\r\n\r\n"), 421);
  });

  it("refuses a declared body over the limit before reading it, and a streamed one when it passes the limit", async () => {
    const { id, secret } = await openSession(server);
    const headers = { Host: sandboxHost(server), ...pageHeaders(server, secret) };
    expectJsonError(await rawRequest(server.port, httpRequest("POST", `${PREVIEW_API}/${id}`, { ...headers, "Content-Length": String(10 ** 12) })), 413, "body-too-large");
    const chunk = "a".repeat(64 * 1024);
    const chunked = `${httpRequest("POST", `${PREVIEW_API}/${id}`, { ...headers, "Transfer-Encoding": "chunked" })}${`${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(300)}`;
    expectJsonError(await rawRequest(server.port, chunked), 413, "body-too-large");
    await alive();
  });
});

describe("uploads: only the sandbox page, only with the session's secret", () => {
  it("opening a session needs the sandbox page's Origin and JSON", async () => {
    const open = (headers: Record<string, string>) => hostFetch(server, sandboxHost(server), PREVIEW_API, { method: "POST", headers, body: "{}" });
    expect((await open({ "Content-Type": "application/json" })).status).toBe(403);
    expect((await open({ "Content-Type": "application/json", Origin: "http://evil.example" })).status).toBe(403);
    expect((await open({ "Content-Type": "text/plain", Origin: server.origin })).status).toBe(415);
    const { id: otherId } = await openSession(server);
    expect((await open({ "Content-Type": "application/json", Origin: server.previews.originFor(otherId) })).status).toBe(403);
    expect((await open({ ...pageHeaders(server), "Sec-Fetch-Site": "same-site" })).status).toBe(403);
  });

  it("a session has a 128-bit read id on its own origin and a different write secret; a write needs the secret", async () => {
    const a = await openSession(server);
    const b = await openSession(server);
    expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.secret).not.toContain(a.id);
    expect(new URL(a.url).origin).toBe(server.previews.originFor(a.id));
    expect(new URL(a.url).origin).not.toBe(server.origin);
    expect(new URL(a.url).origin).not.toBe(new URL(b.url).origin);
    const ops = [{ type: "write" as const, path: "index.html", content: "forged" }];
    const noSecret = await hostFetch(server, sandboxHost(server), `${PREVIEW_API}/${a.id}`, { method: "POST", headers: pageHeaders(server), body: JSON.stringify({ ops }) });
    expect(noSecret.status).toBe(401);
    expect((await upload(server, a.id, a.id, ops)).status).toBe(403); // the read id is not the write secret
    expect((await upload(server, a.id, b.secret, ops)).status).toBe(403); // another session's secret
    expect((await upload(server, a.id, a.secret, ops, false, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await upload(server, "0".repeat(32), a.secret, ops)).status).toBe(404);
    expect((await hostFetch(server, previewHost(server, a.id), "/", { headers: { "Sec-Fetch-Dest": "iframe" } })).status).toBe(404);
  });

  it("bodies are checked whole: not JSON, wrong shapes, traversal paths and bad base64 are 400 JSON naming the problem", async () => {
    const { id, secret } = await openSession(server);
    const post = (body: string) => hostFetch(server, sandboxHost(server), `${PREVIEW_API}/${id}`, { method: "POST", headers: pageHeaders(server, secret), body });
    const cases: Array<[string, string]> = [
      ["{", "bad-json"],
      [`${"[".repeat(100_000)}${"]".repeat(100_000)}`, "bad-upload"],
      ['{"ops":{}}', "bad-upload"],
      ['{"ops":[{"type":"write","path":"../etc/passwd","content":""}]}', "bad-upload"],
      ['{"ops":[{"type":"write","path":"/abs","content":""}]}', "bad-upload"],
      ['{"ops":[{"type":"write","path":"a","content":"!!!","base64":true}]}', "bad-upload"],
      ['{"ops":[{"type":"chmod","path":"a"}]}', "bad-upload"],
      ['{"ops":[],"extra":1}', "bad-upload"],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      expect(res.status, body.slice(0, 40)).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
    const res = await post('{"ops":[{"type":"write","path":"a/../b","content":""}]}');
    expect(((await res.json()) as { message: string }).message).toContain("ops.0.path");
  });
});

describe("previews", () => {
  it("serve pages with the console injected, under COEP/CORP and a sandboxing CSP; documents that are missing get the explanation", async () => {
    const { id, secret } = await openSession(server);
    await upload(server, id, secret, [
      { type: "write", path: "index.html", content: "<!doctype html><html><head></head><body>Hi</body></html>" },
      { type: "write", path: "docs/about.html", content: "about" },
    ], true);
    const page = await hostFetch(server, previewHost(server, id), "/", { headers: { "Sec-Fetch-Dest": "iframe" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<head><script src="${PREVIEW_CONSOLE_PATH}"></script>`);
    expect(page.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
    expect(page.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(page.headers.get("content-security-policy")).toMatch(/sandbox allow-scripts allow-same-origin/);
    expect(page.headers.get("content-security-policy")).not.toMatch(/allow-top-navigation/);
    const script = await hostFetch(server, previewHost(server, id), PREVIEW_CONSOLE_PATH);
    expect(await script.text()).toBe("/* preview console */");
    const missing = await hostFetch(server, previewHost(server, id), "/nope", { headers: { "Sec-Fetch-Dest": "document" } });
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('<meta name="tandem-explanation" content="not-in-project">');
    expect(html).toContain('href="/docs/about.html"');
    const missingScript = await hostFetch(server, previewHost(server, id), "/nope.js", { headers: { "Sec-Fetch-Dest": "script" } });
    expect(missingScript.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("a session the server no longer has tells the IDE (expired page) instead of 'This project has no index.html'", async () => {
    const { id, secret } = await openSession(server);
    await upload(server, id, secret, [{ type: "write", path: "index.html", content: "x" }], true);
    server.store.remove(id);
    const page = await hostFetch(server, previewHost(server, id), "/", { headers: { "Sec-Fetch-Dest": "iframe" } });
    const html = await page.text();
    expect(html).toContain('content="preview-expired"');
    expect(html).toContain('kind: "expired"');
    expect(html).not.toContain("has no index.html");
  });

  it("at most a few uploads at once per client: the next one is a 429 with Retry-After", async () => {
    const { id, secret } = await openSession(server);
    const headers = { Host: sandboxHost(server), ...pageHeaders(server, secret), "Content-Length": "50" };
    // Four uploads that stall mid-body hold the client's slots until the body timeout cuts them off.
    const stalled = [0, 1, 2, 3].map(() => rawRequest(server.port, httpRequest("POST", `${PREVIEW_API}/${id}`, headers, "{"), { timeoutMs: 5_000 }));
    // Until the server has all four, an upload still gets through; then it is refused.
    let res = await upload(server, id, secret, []);
    await expect.poll(async () => (res = await upload(server, id, secret, [])).status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toMatchObject({ code: "too-many-uploads", retryAfter: 1 });
    for (const r of await Promise.all(stalled)) expect(r?.status).toBe(408);
    expect((await upload(server, id, secret, [])).status).toBe(200);
  });
});
