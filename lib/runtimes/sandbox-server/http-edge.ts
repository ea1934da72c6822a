// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// The edge of the sandbox server: everything a hostile client controls — the request line, headers, body and pace —
// is checked here, and every refusal is a JSON `{ code, message }`. Nothing a client sends may end the process: one
// crash would take the runtime and every preview away from every user. Like the IDE's edge (lib/server/edge.ts) but
// for a static host: a stray "%" in a path is a file name here ("100%.png"), not a 400.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { clientKey as addressClientKey } from "../../server/client-id.ts";

export interface EdgeLimits {
  /** Whole header block must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** Whole request, body included, must arrive within this (Node's own backstop). */
  requestTimeoutMs: number;
  /** A body being read by a route must arrive within this; shorter than requestTimeoutMs so the route answers. */
  bodyTimeoutMs: number;
  /**
   * And at least this fast on average once `bodyGraceMs` have passed: a client that trickles a byte now and then to
   * hold an upload slot is cut off, while a slow uplink (a classroom's shared Wi-Fi) still gets its batch through.
   */
  minBodyBytesPerSecond: number;
  bodyGraceMs: number;
  /** How often Node checks the two timeouts above (its default, 30 s, would let them run over by that much); a
   * createServer option, see server.ts. */
  checkIntervalMs: number;
}

export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 130_000,
  bodyTimeoutMs: 120_000,
  minBodyBytesPerSecond: 16 * 1024,
  bodyGraceMs: 5_000,
  checkIntervalMs: 1_000,
};

/** Bytes of request bodies held in memory at once, shared by every upload (past it, a 429 asks to retry). */
export interface BodyBudget {
  used: number;
  max: number;
}

/** Longest request target accepted (browsers send far less; the file paths themselves are capped at 1,024). */
export const MAX_TARGET_LENGTH = 8_192;

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

const JSON_TYPE = "application/json; charset=utf-8";

/** Sends a JSON body; closes the connection when the request body was not read, so nothing waits for it. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "Content-Type": JSON_TYPE,
    "Content-Length": String(Buffer.byteLength(text)),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    ...(req.complete ? {} : { Connection: "close" }),
  });
  res.end(text);
}

/** `{ code, message }`, plus `retryAfter` (seconds) beside a Retry-After header, as the IDE's errors (lib/server). */
export function sendError(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
  const retryAfter = Number(error.headers["Retry-After"]);
  sendJson(req, res, error.status, { code: error.code, message: error.message, ...(retryAfter ? { retryAfter } : {}) }, error.headers);
}

export interface RequestTarget {
  /** The path as sent (still percent-encoded), always starting with a single "/". */
  rawPath: string;
  /** The path with every well-formed %XX run decoded; a stray "%" (as in "100%.png") is kept as it is. */
  path: string;
  /** "?…" or "". */
  search: string;
}

/**
 * Parses an origin-form request target ("/a/b?c") by hand: WHATWG `new URL()` reads "//[" as a host and throws, and
 * `decodeURIComponent` throws on "100%.png" — both ended the process before. Malformed targets are a 400.
 */
export function parseTarget(raw: string | undefined): RequestTarget {
  const target = raw ?? "";
  if (target.length > MAX_TARGET_LENGTH) throw new HttpError(414, "url-too-long", `The request URL is longer than ${MAX_TARGET_LENGTH} characters.`);
  if (!target.startsWith("/") || target.startsWith("//"))
    throw new HttpError(400, "bad-url", "The request URL must be a path that starts with a single \"/\".");
  // Browsers percent-encode spaces, controls and non-ASCII; raw ones come from hand-made requests only.
  if (/[^\x21-\x7e]/.test(target)) throw new HttpError(400, "bad-url", "The request URL contains a space, a control or a non-ASCII character; percent-encode it.");
  const hash = target.indexOf("#");
  const withoutHash = hash === -1 ? target : target.slice(0, hash);
  const q = withoutHash.indexOf("?");
  const rawPath = q === -1 ? withoutHash : withoutHash.slice(0, q);
  const search = q === -1 ? "" : withoutHash.slice(q);
  const path = decodeLenient(rawPath);
  if (path.includes("\0")) throw new HttpError(400, "bad-url", "The request URL contains a NUL character.");
  return { rawPath, path, search };
}

/** Decodes every well-formed %XX escape that is part of valid UTF-8; leaves anything else as it was sent. */
export function decodeLenient(text: string): string {
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const escapes = run.match(/%[0-9a-fA-F]{2}/g) ?? [];
    let out = "";
    for (let i = 0; i < escapes.length; ) {
      const lead = parseInt((escapes[i] as string).slice(1), 16);
      const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      try {
        out += decodeURIComponent(escapes.slice(i, i + length).join(""));
        i += length;
      } catch {
        out += escapes[i];
        i += 1;
      }
    }
    return out;
  });
}

/**
 * Who is asking, for per-client quotas: the IDE server's rule (lib/server/client-id.ts) — the socket's address, or
 * with `trustProxy` the address the proxy in front saw; IPv6 by /64.
 */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  return addressClientKey(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustProxy);
}

/**
 * Reads a body of at most `limit` bytes, within `edge.bodyTimeoutMs` and at `edge.minBodyBytesPerSecond` or faster.
 * A declared length over the limit is refused before reading; a body that keeps coming past it, too slowly, or past
 * the shared `budget`, is cut off.
 */
export function readBody(req: IncomingMessage, limit: number, edge: EdgeLimits, budget?: BodyBudget): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && !/^\d{1,15}$/.test(declared)) return Promise.reject(new HttpError(400, "bad-length", "Content-Length is not a number."));
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const started = Date.now();
    let size = 0;
    let settled = false;
    const finish = (error: HttpError | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(pace);
      if (budget) budget.used -= size;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
      if (error) {
        // Stop reading; the answer goes out with Connection: close (sendJson), then the socket is dropped.
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      if (budget && budget.used + chunk.length > budget.max)
        return finish(new HttpError(429, "server-busy", "The server is receiving too many uploads right now; retry in a moment.", { "Retry-After": "2" }));
      size += chunk.length;
      if (budget) budget.used += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onError = () => finish(new HttpError(400, "bad-body", "The request body could not be read."));
    const onAborted = () => finish(new HttpError(400, "bad-body", "The request body ended early."));
    const timer = setTimeout(
      () => finish(new HttpError(408, "body-timeout", `The request body did not arrive within ${Math.round(edge.bodyTimeoutMs / 1000)} s.`)),
      edge.bodyTimeoutMs,
    );
    const pace = setInterval(() => {
      const elapsed = Date.now() - started - edge.bodyGraceMs;
      if (elapsed > 0 && size < (elapsed / 1000) * edge.minBodyBytesPerSecond)
        finish(new HttpError(408, "body-too-slow", `The request body arrives slower than ${formatBytes(edge.minBodyBytesPerSecond)}/s.`));
    }, Math.max(50, Math.min(1_000, edge.bodyGraceMs)));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, "body-too-large", `The request body is larger than ${formatBytes(limit)}.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** What the server answers for a connection-level error (no request object yet): status and JSON body. */
function clientErrorReply(error: NodeJS.ErrnoException): { status: number; code: string; message: string } {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return { status: 431, code: "headers-too-large", message: "The request headers are too large." };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { status: 408, code: "request-timeout", message: "The request did not arrive in time." };
    default:
      return { status: 400, code: "bad-request", message: "The request is not valid HTTP/1.1." };
  }
}

const REASONS: Record<number, string> = { 400: "Bad Request", 405: "Method Not Allowed", 408: "Request Timeout", 431: "Request Header Fields Too Large" };

/** A JSON error written straight to the socket (there is no response object at the connection level), then closed. */
function writeRaw(socket: Socket, status: number, code: string, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? "Bad Request"}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Wraps a route handler so that nothing it throws escapes (an HttpError becomes its JSON answer; anything else is
 * our bug: logged, answered 500 JSON) and installs the connection-level guards: timeouts, and a JSON answer to
 * requests Node's parser refuses (`clientError`), which otherwise get an empty 400.
 */
export function guardServer(
  server: Server,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  limits: EdgeLimits,
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = 5_000;
  // The response in progress on each socket, so a timeout during a route answers through it, not beside it.
  const inFlight = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(req.socket, { req, res });
    res.on("finish", () => {
      if (inFlight.get(req.socket)?.res === res) inFlight.delete(req.socket);
    });
    res.on("error", () => res.destroy());
    req.on("error", () => undefined);
    let pending: Promise<void>;
    try {
      pending = handler(req, res);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(req, res, error);
      log(`sandbox server: unexpected error for ${req.method} ${String(req.url).slice(0, 200)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJson(req, res, 500, { code: "internal", message: "The sandbox server failed on this request." });
    });
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    const reply = clientErrorReply(error);
    const current = inFlight.get(socket);
    if (current && !current.res.headersSent) {
      sendJson(current.req, current.res, reply.status, { code: reply.code, message: reply.message }, { Connection: "close" });
      current.res.once("finish", () => socket.destroy());
      return;
    }
    if (current || !socket.writable || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    writeRaw(socket, reply.status, reply.code, reply.message);
  });
  // Without these two listeners Node closes a CONNECT without a word and answers an unknown Expect with an empty 417.
  server.on("connect", (_req: IncomingMessage, socket: Socket) => {
    socket.on("error", () => undefined);
    writeRaw(socket, 405, "method-not-allowed", "CONNECT is not allowed: this is not a proxy.");
  });
  server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) =>
    sendJson(req, res, 417, { code: "expectation-failed", message: "Only Expect: 100-continue is supported." }),
  );
  // A socket error after a response (a client that vanished) must not surface as an unhandled 'error' event.
  server.on("connection", (socket: Socket) => socket.on("error", () => undefined));
}
