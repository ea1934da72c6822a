// Server only. Every error the app answers goes out as JSON { code, message } — Next's HTML not-found page, its empty
// 405, a plain-text 404 for an asset — except an HTML page for a browser that asked for a page (its not-found page).
// Hand-written: the app's response is already being written by Next, so the only seam is the response object itself;
// this wraps writeHead/write/end of one response and swaps the body only when the status is an error.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import type { ServerResponse } from "node:http";
import { errorPayload, failure, type HttpErrorBody } from "./http-error.ts";

function replacement(status: number): { code: HttpErrorBody["code"]; message: string } {
  if (status === 404) return { code: "not-found", message: "There is nothing at this address." };
  if (status === 405) return { code: "method-not-allowed", message: "This address does not take that method." };
  if (status === 413) return { code: "too-large", message: "The request is too large." };
  if (status >= 500) return { code: "server-error", message: "Tandem's server failed on this request; it keeps running. Retry, and report it if it happens again." };
  return { code: "bad-request", message: `The request was refused (HTTP ${status}).` };
}

function isJson(res: ServerResponse): boolean {
  return /^application\/(?:[\w.+-]+\+)?json/i.test(String(res.getHeader("content-type") ?? ""));
}

/** `keepPages`: the client asked for a page, so an HTML error page (the app's not-found page) goes out as it is. */
export function jsonErrorsOnly(res: ServerResponse, { keepPages = false } = {}): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  /** Decided on the first writeHead/write/end: null = pass through. */
  let swapped: string | null | undefined;

  const decide = (status: number, typeFromHead?: string): string | null => {
    if (swapped !== undefined) return swapped;
    const type = typeFromHead ?? String(res.getHeader("content-type") ?? "");
    const json = typeFromHead !== undefined ? /json/i.test(typeFromHead) : isJson(res);
    if (status < 400 || json || (keepPages && /^text\/html/i.test(type))) return (swapped = null);
    const f = replacement(status);
    const payload = errorPayload(failure(status, f.code, f.message));
    for (const name of res.getHeaderNames()) if (/^(content-|etag$|last-modified$|cache-control$)/i.test(name)) res.removeHeader(name);
    for (const [name, value] of Object.entries(payload.headers)) res.setHeader(name, value);
    return (swapped = payload.body);
  };

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => typeof r === "object" && r !== null) as Record<string, unknown> | undefined;
    const type = headers ? Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] : undefined;
    const body = decide(status, type === undefined ? undefined : String(type));
    if (body === null) return writeHead(status, ...rest);
    res.statusCode = status;
    return writeHead(status);
  }) as typeof res.writeHead;

  res.write = ((...args: unknown[]) => {
    if (decide(res.statusCode) === null) return write(...args);
    const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof res.write;

  res.end = ((...args: unknown[]) => {
    const body = decide(res.statusCode);
    if (body === null) return end(...args);
    const callback = args.find((a) => typeof a === "function") as (() => void) | undefined;
    return end(res.req?.method === "HEAD" ? undefined : body, callback);
  }) as typeof res.end;
}
