// Server only. Reads a JSON request body without trusting it: the content type must say JSON (a cross-site `no-cors`
// POST can only send text/plain, form or multipart), the size is capped while it streams in (Content-Length is only a
// hint: it can lie or be absent), and nesting is capped before any schema walks it (a 5,000-deep array reached the
// database layer and came back as a 503). The parse itself is JSON.parse, which is iterative over depth in V8.
// Run directly by Node (type stripping): relative imports with .ts, erasable syntax only.
import { failure, type HttpFailure } from "./http-error.ts";

export interface JsonBodyLimits {
  maxBytes: number;
  maxDepth: number;
}

export type JsonBody = { ok: true; value: unknown; bytes: number } | { ok: false; failure: HttpFailure };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function isJsonContentType(value: string | null): boolean {
  return value !== null && JSON_TYPE.test(value.trim());
}

function mb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export async function readJsonBody(request: Request, limits: JsonBodyLimits): Promise<JsonBody> {
  if (!isJsonContentType(request.headers.get("content-type")))
    return { ok: false, failure: failure(415, "unsupported-media-type", "Send the body as JSON with Content-Type: application/json.") };
  const tooLarge = () => ({ ok: false as const, failure: failure(413, "too-large", `The request body is larger than this route takes (${mb(limits.maxBytes)}).`) });
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return tooLarge();
  if (!request.body) return { ok: false, failure: failure(400, "bad-request", "The request has no body; send JSON.") };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, failure: failure(400, "bad-request", "The request body could not be read to its end (the connection broke or timed out).") };
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(concat(chunks, bytes));
  const depth = jsonDepth(text, limits.maxDepth);
  if (depth > limits.maxDepth)
    return { ok: false, failure: failure(400, "too-deep", `The JSON body nests deeper than ${limits.maxDepth} levels.`) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bytes };
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message.slice(0, 120)}` : "";
    return { ok: false, failure: failure(400, "bad-request", `The request body is not valid JSON${detail}.`) };
  }
}

function concat(chunks: readonly Uint8Array[], bytes: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The deepest nesting of arrays/objects in JSON text, stopping as soon as it passes `stopAbove` (so a hostile body
 * costs at most one scan). Brackets inside strings are skipped. Hand-written: no JSON library reports depth before
 * parsing, and parsing first is what let the deep body through.
 */
export function jsonDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}
