// Fuzzes the real sandbox server (in-process, ephemeral port) with seeded hostile requests: random methods, broken
// escapes, "//[", NUL, huge and unicode paths, hostile Host and Origin headers, bodies that are not JSON, deep JSON,
// huge declared lengths and slow bodies. Every answer must be < 500, every 4xx a JSON { code, message } (or one of the
// HTML explanations a browser gets for a document, recognised by its <meta name="tandem-explanation">), and the
// server must still serve afterwards. Replay a failure with TANDEM_FUZZ_SEED=<seed printed in the failure>.
import { afterAll, beforeAll, expect, it } from "vitest";
import { PREVIEW_API, PREVIEW_CONSOLE_PATH } from "../offline/preview-protocol.ts";
import type { RawResponse } from "./raw-http-client.ts";
import { rawRequest } from "./raw-http-client.ts";
import type { SandboxServer } from "./server.ts";
import { hostFetch, openSession, previewHost, sandboxHost, startTestServer, upload } from "./test-server.ts";

const SEED = Number(process.env.TANDEM_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31);
const REQUESTS = Math.max(2_000, Number(process.env.TANDEM_FUZZ_REQUESTS) || 2_400);
const CONCURRENCY = 24;
/** Tight timeouts, so the slow requests are cut off within a second or two. */
const EDGE = { headersTimeoutMs: 600, requestTimeoutMs: 2_000, bodyTimeoutMs: 1_500, minBodyBytesPerSecond: 200, bodyGraceMs: 300, checkIntervalMs: 100 };

let server: SandboxServer;
const serverLog: string[] = [];
let sessions: Array<{ id: string; secret: string }> = [];

beforeAll(async () => {
  server = await startTestServer({ edge: EDGE, log: (m) => serverLog.push(m) });
  sessions = [await openSession(server), await openSession(server)];
  for (const s of sessions)
    await upload(server, s.id, s.secret, [
      { type: "write", path: "index.html", content: "<!doctype html><html><head></head><body>hi</body></html>" },
      { type: "write", path: "100%.png", content: "iVBORw0KGgo=", base64: true },
      { type: "write", path: "a%20b.txt", content: "literal" },
      { type: "write", path: "dir/index.html", content: "dir" },
    ], true);
});
afterAll(() => server.close());

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Case {
  summary: string;
  method: string;
  host: string;
  bytes: Buffer;
  later?: { bytes: Buffer; afterMs: number };
  /** Slow on purpose: waits for the server's timeouts. */
  slow: boolean;
}

const LONG_PATH = `/${"a".repeat(10_000)}`;
const PERCENT_PATH = `/${"%".repeat(3_000)}`;
const FF_PATH = `/${"%ff".repeat(500)}`;
const LONG_QUERY = `/?${"a=1&".repeat(1_500)}`;
const DEEP_ARRAY = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
const BIG_WRITE = JSON.stringify({ ops: [{ type: "write", path: "index.html", content: "x".repeat(1_000_000) }] });

function generate(random: () => number): Case {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const s = pick(sessions);
  const other = sessions.find((x) => x !== s) ?? s;
  const port = server.port;
  const hex = () => Array.from({ length: 32 }, () => pick([..."0123456789abcdef"])).join("");
  const method = pick(["GET", "GET", "GET", "HEAD", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "get", "BREW", "G\0T"]);
  const host = pick([
    sandboxHost(server), sandboxHost(server), previewHost(server, s.id), previewHost(server, s.id), previewHost(server, s.id).toUpperCase(),
    previewHost(server, hex()), `127.0.0.1:${port}`, "evil.example", "", `localhost:${port}@evil.example`, "a".repeat(5000),
    "ü.localhost", `${s.id}.localhost`, `${s.id}.${s.id}.localhost:${port}`, `localhost:${port}\0`,
  ]);
  const hostile = "%/\\[]{}<>|^`\"'#?;:@&=+$,!~*()\0\t\r\n \x7f\u00e9\u{1f600}";
  const mutate = (path: string) => {
    let out = path;
    for (let i = 0, n = Math.floor(random() * 4); i < n; i++) {
      const at = Math.floor(random() * (out.length + 1));
      out = out.slice(0, at) + pick([...hostile]) + out.slice(at);
    }
    return out;
  };
  const basePath = pick([
    "/", "/sandbox.html", "/sandbox-host.js", "/index.html", "/100%.png", "/a%20b.txt", "/dir/", "/dir", "//[", "/%", "/%zz",
    "/%E0%A4%A", "/%00", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", PREVIEW_API, `${PREVIEW_API}/${s.id}`,
    `${PREVIEW_API}/${hex()}`, `${PREVIEW_API}/${s.id}/x`, `${PREVIEW_API}/${"Z".repeat(32)}`, PREVIEW_CONSOLE_PATH, "/__preview",
    "*", "http://evil.example/", "/\0", LONG_PATH, PERCENT_PATH, FF_PATH, "/ünï",
    LONG_QUERY, "/#frag", "/a?b#c", "/a b", "", "/\u2028", `/${encodeURIComponent("\u{1f600}")}`,
  ]);
  const path = chance(0.3) ? mutate(basePath) : basePath;
  const origin = pick([server.origin, server.origin, null, "null", "http://evil.example", server.previews.originFor(s.id), "\u00ff", ""]);
  const contentType = pick(["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/json; charset=utf-16", null, "multipart/form-data; boundary=x"]);
  const authorization = pick([`Bearer ${s.secret}`, `Bearer ${s.secret}`, `Bearer ${other.secret}`, `Bearer ${s.id}`, "Bearer", "Basic Zm9vOmJhcg==", `Bearer ${"x".repeat(5_000)}`, null]);
  const dest = pick(["document", "iframe", "script", "image", "style", "empty", "\u00ff", null]);
  const body = pick([
    "", "{}", "not json", "null", "[]", "1e999", `{"ops":[]}`, `{"reset":true,"ops":[]}`,
    DEEP_ARRAY, DEEP_OBJECT, BIG_WRITE,
    JSON.stringify({ ops: [{ type: pick(["write", "delete", "mkdir", "too-large", "nope"]), path: pick(["a", "../a", "/a", "a/./b", "", "a\0", "ü/x", "a".repeat(2000)]), content: pick(["x", 1, null, "@@@"]), base64: pick([true, false, "yes"]), bytes: pick([1, -1, 1.5, "9"]) }] }),
    '{"__proto__":{"polluted":1},"ops":[]}', '{"constructor":{"prototype":{"polluted":1}},"ops":[]}', '"\\ud800"', "\u0000\u0001\u0002",
    Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256))).toString("latin1"),
  ]);
  const bodyBytes = Buffer.from(body, "latin1").length === body.length ? Buffer.from(body, "latin1") : Buffer.from(body, "utf8");
  const length = pick(["exact", "exact", "exact", "huge", "none", "short", "long", "negative", "words", "chunked", "chunked-bad", "both"]);
  const headers: string[] = [];
  if (!chance(0.03)) headers.push(`Host: ${host}`);
  if (chance(0.03)) headers.push(`Host: evil.example`);
  if (origin !== null) headers.push(`Origin: ${origin}`);
  if (contentType) headers.push(`Content-Type: ${contentType}`);
  if (authorization) headers.push(`Authorization: ${authorization}`);
  if (dest) headers.push(`Sec-Fetch-Dest: ${dest}`);
  if (chance(0.2)) headers.push(`Sec-Fetch-Site: ${pick(["same-origin", "cross-site", "none"])}`);
  if (chance(0.3)) headers.push(`Accept: ${pick(["text/html", "*/*", "application/json"])}`);
  if (chance(0.05)) headers.push(`Expect: ${pick(["100-continue", "weird"])}`);
  if (chance(0.05)) headers.push(`X-Forwarded-For: ${pick(["1.2.3.4", "::1", "garbage", "a".repeat(300)])}`);
  if (chance(0.03)) headers.push("Connection: Upgrade", "Upgrade: websocket");
  if (chance(0.02)) headers.push(`X-Big: ${"b".repeat(20_000)}`);
  let payload = bodyBytes;
  if (length === "exact") headers.push(`Content-Length: ${bodyBytes.length}`);
  else if (length === "huge") headers.push(`Content-Length: ${pick(["99999999999", "1000000000000000000000", "17000000"])}`);
  else if (length === "short") headers.push(`Content-Length: ${Math.max(0, bodyBytes.length - 3)}`);
  else if (length === "long") headers.push(`Content-Length: ${bodyBytes.length + 10}`);
  else if (length === "negative") headers.push("Content-Length: -1");
  else if (length === "words") headers.push("Content-Length: ten");
  else if (length === "both") headers.push(`Content-Length: ${bodyBytes.length}`, "Transfer-Encoding: chunked");
  else if (length.startsWith("chunked")) {
    headers.push("Transfer-Encoding: chunked");
    const size = length === "chunked-bad" ? "zz" : bodyBytes.length.toString(16);
    payload = Buffer.concat([Buffer.from(`${size}\r\n`), bodyBytes, Buffer.from("\r\n0\r\n\r\n")]);
  } else payload = Buffer.alloc(0);
  headers.push("Connection: close");
  const slow = chance(0.02) ? pick(["headers", "body", "trickle"] as const) : null;
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.join("\r\n")}\r\n`, "utf8");
  const summary = `${method} ${JSON.stringify(path.slice(0, 80))} host=${JSON.stringify(host.slice(0, 60))} length=${length}${slow ? ` slow=${slow}` : ""}`;
  if (slow === "headers") return { summary, method, host, bytes: head, slow: true };
  if (slow === "body" || slow === "trickle") {
    const declared = Buffer.from(`${method} ${path} HTTP/1.1\r\n${headers.filter((h) => !/^(Content-Length|Transfer-Encoding):/i.test(h)).join("\r\n")}\r\nContent-Length: 200\r\n\r\n`, "utf8");
    return { summary, method, host, bytes: Buffer.concat([declared, Buffer.from("{")]), ...(slow === "trickle" ? { later: { bytes: Buffer.from('"ops"'), afterMs: 300 } } : {}), slow: true };
  }
  return { summary, method, host, bytes: Buffer.concat([head, Buffer.from("\r\n"), payload]), slow: false };
}

/** What is wrong with an answer, or null. */
function problem(c: Case, res: RawResponse | null): string | null {
  if (!res) return "no response";
  if (res.status >= 500) return `${res.status}: ${res.body.toString("utf8").slice(0, 200)}`;
  if (res.status < 400) return null;
  const type = res.headers["content-type"] ?? "";
  if (type.startsWith("text/html")) {
    const explanation = /<meta name="tandem-explanation" content="(not-in-project|preview-expired)">/.test(res.body.toString("utf8"));
    if (res.status === 404 && (c.method === "GET" || c.method === "HEAD") && (explanation || c.method === "HEAD")) return null;
    return `${res.status} HTML that is not an explanation page`;
  }
  if (!type.startsWith("application/json")) return `${res.status} with Content-Type ${JSON.stringify(type)}`;
  if (c.method === "HEAD") return null;
  try {
    const body = JSON.parse(res.body.toString("utf8")) as { code?: unknown; message?: unknown };
    if (typeof body.code !== "string" || typeof body.message !== "string") return `${res.status} JSON without code/message`;
  } catch {
    return `${res.status} body is not JSON: ${res.body.toString("utf8").slice(0, 100)}`;
  }
  return null;
}

it(`survives ${REQUESTS} seeded hostile requests: 0 × 5xx, every 4xx a JSON message, still serving (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const random = prng(SEED);
  const cases = Array.from({ length: REQUESTS }, () => generate(random));
  // Two bodies really sent past the upload limit (the others only declare a huge length).
  const big = Buffer.alloc(17 * 1024 * 1024, 0x61);
  for (const s of sessions.slice(0, 2)) {
    const head = `POST ${PREVIEW_API}/${s.id} HTTP/1.1\r\nHost: ${sandboxHost(server)}\r\nOrigin: ${server.origin}\r\nContent-Type: application/json\r\nAuthorization: Bearer ${s.secret}\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n`;
    cases.push({ summary: "POST 17 MB body", method: "POST", host: sandboxHost(server), bytes: Buffer.concat([Buffer.from(head), big]), slow: false });
  }
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const send = async (c: Case) => {
    const res = await rawRequest(server.port, c.bytes, { timeoutMs: c.slow ? EDGE.requestTimeoutMs + 3_000 : 8_000, ...(c.later ? { later: c.later } : {}) });
    statuses.set(res?.status ?? 0, (statuses.get(res?.status ?? 0) ?? 0) + 1);
    const wrong = problem(c, res);
    if (wrong) failures.push(`${c.summary} → ${wrong}`);
  };
  // The slow ones wait for the server's timeouts, all at once; the rest go through a pool of connections.
  const fast = cases.filter((c) => !c.slow);
  let next = 0;
  const worker = async () => {
    while (next < fast.length) await send(fast[next++] as Case);
  };
  await Promise.all([...cases.filter((c) => c.slow).map(send), ...Array.from({ length: CONCURRENCY }, worker)]);
  expect(failures.slice(0, 20), `seed ${SEED}: ${failures.length} of ${cases.length} answers were wrong (replay with TANDEM_FUZZ_SEED=${SEED})`).toEqual([]);
  expect(serverLog, `seed ${SEED}: the server logged unexpected errors`).toEqual([]);
  // Still serving, and the fuzzed sessions still work for their owner.
  expect((await hostFetch(server, sandboxHost(server), "/sandbox.html")).status, `seed ${SEED}`).toBe(200);
  const s = sessions[0]!;
  expect((await upload(server, s.id, s.secret, [{ type: "write", path: "ok.txt", content: "ok" }])).status, `seed ${SEED}`).toBe(200);
  expect(await (await hostFetch(server, previewHost(server, s.id), "/ok.txt")).text(), `seed ${SEED}`).toBe("ok");
  expect(({} as Record<string, unknown>).polluted, `seed ${SEED}: prototype pollution`).toBeUndefined();
  expect(statuses.get(200) ?? 0, `seed ${SEED}: some requests should have been served`).toBeGreaterThan(0);
});
