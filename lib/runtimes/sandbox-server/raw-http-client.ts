// Test helper (server tests and the fuzz test): sends bytes as they are over a TCP socket and reads one HTTP/1.1
// response. Node's http.request refuses the request lines a hostile client sends ("//[", NUL, raw UTF-8), so the
// tests that prove the server survives them cannot use it.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawRequestOptions {
  /** Sent after the request, this long after it (a slow body or header block); omitted: nothing more is sent. */
  later?: { bytes: Buffer | string; afterMs: number };
  /** Gives up (resolves null) when nothing complete arrived within this. */
  timeoutMs?: number;
}

/** Sends `request` and resolves with the first response, or null when the server closed without one. */
export function rawRequest(port: number, request: Buffer | string, options: RawRequestOptions = {}): Promise<RawResponse | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1");
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(laterTimer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks)));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 10_000);
    let laterTimer: ReturnType<typeof setTimeout> | undefined;
    socket.on("connect", () => {
      socket.write(request, () => undefined);
      if (options.later) {
        const { bytes, afterMs } = options.later;
        laterTimer = setTimeout(() => socket.writable && socket.write(bytes, () => undefined), afterMs);
      }
    });
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (parseResponse(Buffer.concat(chunks), true)) finish();
    });
    // The server may answer and close while the client is still sending (413 mid-body): what arrived counts.
    socket.on("error", finish);
    socket.on("close", finish);
  });
}

/** Parses one response; with `complete`, only when its body is all there (else null). */
export function parseResponse(data: Buffer, complete = false): RawResponse | null {
  // An interim "100 Continue" comes before the response.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 16).toString("latin1"))) {
    const interimEnd = data.indexOf("\r\n\r\n");
    if (interimEnd === -1) return null;
    data = data.subarray(interimEnd + 4);
  }
  const end = data.indexOf("\r\n\r\n");
  if (end === -1) return null;
  const [statusLine = "", ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (!status) return null;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = data.subarray(end + 4);
  if (headers["transfer-encoding"]?.toLowerCase() === "chunked") {
    const out: Buffer[] = [];
    let rest = body;
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd === -1) return complete ? null : { status: Number(status), headers, body: Buffer.concat(out) };
      const size = parseInt(rest.subarray(0, lineEnd).toString("latin1"), 16);
      if (!Number.isFinite(size) || size === 0) break;
      if (rest.length < lineEnd + 2 + size) return complete ? null : { status: Number(status), headers, body: Buffer.concat(out) };
      out.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    body = Buffer.concat(out);
  } else if (headers["content-length"] !== undefined) {
    const length = Number(headers["content-length"]);
    if (complete && body.length < length) return null;
    body = body.subarray(0, length);
  } else if (complete && !/^(1\d\d|204|304)$/.test(status)) return null; // body runs to the end of the connection
  return { status: Number(status), headers, body };
}

/** A request as text: request line, headers (null values are left out), blank line, body. */
export function httpRequest(method: string, target: string, headers: Record<string, string | null>, body = ""): string {
  const lines = [`${method} ${target} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) if (value !== null) lines.push(`${name}: ${value}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
