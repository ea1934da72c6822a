// The browser's side of the shares API: one function per route, each answering a value (ShareApiError on failure,
// with the server's code and message, which say what to do). `fetch` and the base URL are passed in, so tests drive
// the real server handlers in-process and count the bytes sent.
import { gunzipSync } from "fflate";
import { decodeFrames, encodeFrames, FRAMES_CONTENT_TYPE, type Frame } from "../frames";
import { OWNER_HEADER, type CreateShareRequest, type PublishResult, type ShareInfo, type VersionInput } from "../protocol";

export interface ShareApi {
  fetch: typeof fetch;
  /** "" in the browser (same origin); an origin in tests and benchmarks. */
  base: string;
  /** Bytes of request bodies sent so far (what "re-publishing sends a few KB" measures). */
  sent: number;
}

export function shareApi(options: Partial<Pick<ShareApi, "fetch" | "base">> = {}): ShareApi {
  return { fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)), base: options.base ?? "", sent: 0 };
}

export class ShareApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly missing: string[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

async function failureOf(response: Response): Promise<ShareApiError> {
  let body: { code?: unknown; message?: unknown; missing?: unknown; retryAfter?: unknown } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // not JSON (a proxy's page): fall through to a generic message
  }
  const message = typeof body.message === "string" ? body.message : `The share server answered ${response.status}.`;
  const missing = Array.isArray(body.missing) ? body.missing.filter((h): h is string => typeof h === "string") : [];
  return new ShareApiError(response.status, typeof body.code === "string" ? body.code : "server-error", message, missing, typeof body.retryAfter === "number" ? body.retryAfter : undefined);
}

async function call(api: ShareApi, path: string, init: Omit<RequestInit, "body"> & { body?: string | Uint8Array }): Promise<Response> {
  if (init.body !== undefined) api.sent += typeof init.body === "string" ? new TextEncoder().encode(init.body).byteLength : init.body.byteLength;
  let response: Response;
  try {
    response = await api.fetch(`${api.base}${path}`, init as RequestInit & { body?: BodyInit });
  } catch {
    throw new ShareApiError(0, "offline", "Could not reach Tandem's server (offline, or the server is down). Try again.");
  }
  if (!response.ok && response.status !== 304) throw await failureOf(response);
  return response;
}

const owner = (secret?: string): Record<string, string> => (secret ? { [OWNER_HEADER]: secret } : {});
const jsonInit = (body: unknown, secret?: string): RequestInit & { body: string } => ({
  method: "POST",
  headers: { "content-type": "application/json", ...owner(secret) },
  body: JSON.stringify(body),
});

export async function missingBlobs(api: ShareApi, hashes: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < hashes.length; i += 20_000) {
    const response = await call(api, "/api/shares/blobs/missing", jsonInit({ hashes: hashes.slice(i, i + 20_000) }));
    out.push(...((await response.json()) as { missing: string[] }).missing);
  }
  return out;
}

/** Uploads in bodies of at most ~8 MB (the server takes 16 by default). */
export async function uploadBlobs(api: ShareApi, frames: readonly Frame[], batchBytes = 8 * 1024 * 1024): Promise<void> {
  let batch: Frame[] = [];
  let size = 0;
  const flush = async () => {
    if (!batch.length) return;
    await call(api, "/api/shares/blobs", { method: "POST", headers: { "content-type": FRAMES_CONTENT_TYPE }, body: encodeFrames(batch) });
    batch = [];
    size = 0;
  };
  for (const f of frames) {
    if (size + f.bytes.byteLength > batchBytes) await flush();
    batch.push(f);
    size += f.bytes.byteLength;
  }
  await flush();
}

export async function createShare(api: ShareApi, body: CreateShareRequest): Promise<PublishResult> {
  return (await (await call(api, "/api/shares", jsonInit(body))).json()) as PublishResult;
}

export async function addVersion(api: ShareApi, id: string, secret: string, body: VersionInput): Promise<PublishResult> {
  return (await (await call(api, `/api/shares/${id}/versions`, jsonInit(body, secret))).json()) as PublishResult;
}

export async function shareInfo(api: ShareApi, id: string, secret?: string): Promise<ShareInfo> {
  return (await (await call(api, `/api/shares/${id}`, { headers: owner(secret) })).json()) as ShareInfo;
}

export async function unpublishShare(api: ShareApi, id: string, secret: string): Promise<void> {
  await call(api, `/api/shares/${id}`, { method: "DELETE", headers: owner(secret) });
}

export async function versionManifest(api: ShareApi, id: string, n: number, secret?: string): Promise<Uint8Array> {
  return new Uint8Array(await (await call(api, `/api/shares/${id}/v/${n}/manifest`, { headers: owner(secret) })).arrayBuffer());
}

export async function versionBundle(api: ShareApi, id: string, n: number, secret?: string): Promise<{ frames: Frame[]; meta: unknown }> {
  let bytes = new Uint8Array(await (await call(api, `/api/shares/${id}/v/${n}`, { headers: owner(secret) })).arrayBuffer());
  // The server compresses text-heavy versions as a gzip body (see lib/shares/server/http.ts).
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new ShareApiError(502, "bad-bundle", "The version arrived cut off or damaged (it does not decompress). Reload to try again.");
    }
  }
  const decoded = decodeFrames(bytes);
  if (!decoded.ok) throw new ShareApiError(502, "bad-bundle", `The version could not be read: ${decoded.message}`);
  return decoded;
}
