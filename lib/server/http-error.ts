// Server only. Every error a route or the edge answers with is JSON `{ code, message }` (plus `retryAfter` when waiting
// helps): a person or a script can act on it, and nothing about the server's internals or another host is in it.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.

export type HttpErrorCode =
  | "bad-request"
  | "bad-url"
  | "bad-host"
  | "bad-origin"
  | "unsupported-media-type"
  | "too-large"
  | "too-deep"
  | "method-not-allowed"
  | "not-found"
  | "unauthorized"
  | "forbidden"
  | "rate-limited"
  | "too-many-streams"
  | "budget-exceeded"
  | "timeout"
  | "server-error";

export interface HttpErrorBody {
  code: HttpErrorCode | (string & {});
  message: string;
  /** Seconds after which trying again can work. */
  retryAfter?: number;
}

export interface HttpFailure {
  status: number;
  body: HttpErrorBody;
  headers?: Record<string, string>;
}

export function failure(status: number, code: HttpErrorBody["code"], message: string, extra: Partial<Pick<HttpErrorBody, "retryAfter">> & { headers?: Record<string, string> } = {}): HttpFailure {
  const body: HttpErrorBody = { code, message, ...(extra.retryAfter !== undefined ? { retryAfter: extra.retryAfter } : {}) };
  const headers = { ...(extra.headers ?? {}), ...(extra.retryAfter !== undefined ? { "retry-after": String(Math.max(1, Math.ceil(extra.retryAfter))) } : {}) };
  return { status, body, headers };
}

/** A fetch-API Response for a route handler. */
export function errorResponse(f: HttpFailure): Response {
  return Response.json(f.body, { status: f.status, headers: { "cache-control": "no-store", ...(f.headers ?? {}) } });
}

/** The same as bytes and headers, for the Node edge (node:http). */
export function errorPayload(f: HttpFailure): { status: number; headers: Record<string, string>; body: string } {
  const body = JSON.stringify(f.body);
  return {
    status: f.status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(body)),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      ...(f.headers ?? {}),
    },
    body,
  };
}
