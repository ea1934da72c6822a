// Server only. The shares API over fetch-API Requests and Responses (framework-free, so tests drive it without Next;
// app/api/shares/** only call these). State-changing requests: checkOrigin → body (capped) → zod → store → respond.
// Opening a version: resolve in the database (so an unpublished share stops at once on every instance), then the
// bundle (gzip-compressed) from this process's cache, with an ETag and `Cache-Control: immutable` for any cache in front.
import { gzipSync } from "node:zlib";
import { CLIENT_HEADER } from "@/lib/server/client-id";
import type { ServerConfig } from "@/lib/server/config";
import { checkOrigin, fromHeaders } from "@/lib/server/guards";
import { errorResponse, failure } from "@/lib/server/http-error";
import { readJsonBody } from "@/lib/server/json-body";
import { decodeFrames, encodeFrames, FRAMES_CONTENT_TYPE } from "../frames";
import { addVersionRequest, createShareRequest, missingRequest, OWNER_HEADER, SHARE_ID_PATTERN, type BundleMeta } from "../protocol";
import { formatBytes, type ShareError } from "./errors";
import type { Shares } from "./index";
import type { Requester, ResolvedVersion } from "./store";

const STATUS: Record<ShareError["code"], number> = {
  invalid: 400,
  "not-found": 404,
  gone: 410,
  forbidden: 403,
  "too-large": 413,
  "too-many-files": 413,
  quota: 507,
  "rate-limited": 429,
  "missing-blobs": 409,
  // The server's own data is damaged: not the client's fault, and said plainly.
  corrupted: 500,
};

export function shareErrorResponse(error: ShareError): Response {
  const status = STATUS[error.code];
  if (error.code === "missing-blobs")
    return Response.json({ code: error.code, message: error.message, missing: error.missing ?? [] }, { status, headers: { "cache-control": "no-store" } });
  return errorResponse(failure(status, error.code, error.message, error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}));
}

export interface HttpContext {
  shares: Shares;
  server: Pick<ServerConfig, "allowedOrigins" | "jsonMaxDepth">;
}

function requester(request: Request): Requester {
  const secret = request.headers.get(OWNER_HEADER)?.trim();
  return { client: request.headers.get(CLIENT_HEADER) ?? "unknown", ...(secret ? { ownerSecret: secret } : {}) };
}

const json = (value: unknown, status = 200) => Response.json(value, { status, headers: { "cache-control": "no-store" } });

function refusedOrigin(request: Request, ctx: HttpContext): Response | null {
  const refused = checkOrigin(request.method, fromHeaders(request.headers), ctx.server);
  return refused ? errorResponse(refused) : null;
}

async function jsonBody(request: Request, ctx: HttpContext): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const body = await readJsonBody(request, { maxBytes: ctx.shares.config.publishBodyBytes, maxDepth: ctx.server.jsonMaxDepth });
  return body.ok ? { ok: true, value: body.value } : { ok: false, response: errorResponse(body.failure) };
}

function badRequest(message: string): Response {
  return errorResponse(failure(400, "bad-request", message));
}

/** POST /api/shares/blobs/missing {hashes} → {missing}: what a publish has to upload. */
export async function handleMissing(request: Request, ctx: HttpContext): Promise<Response> {
  const refused = refusedOrigin(request, ctx);
  if (refused) return refused;
  const body = await jsonBody(request, ctx);
  if (!body.ok) return body.response;
  const parsed = missingRequest.safeParse(body.value);
  if (!parsed.success) return badRequest("Send {\"hashes\": [sha256 hex, …]} (at most 20,000).");
  return json({ missing: await ctx.shares.store.missing(parsed.data.hashes) });
}

/** POST /api/shares/blobs, a TSB1 body (lib/shares/frames.ts) → {stored, bytes}. */
export async function handleUpload(request: Request, ctx: HttpContext): Promise<Response> {
  const refused = refusedOrigin(request, ctx);
  if (refused) return refused;
  // A cross-site form or no-cors fetch cannot send this content type, and only our own code sends it.
  if (request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() !== FRAMES_CONTENT_TYPE)
    return errorResponse(failure(415, "unsupported-media-type", `Send blobs as ${FRAMES_CONTENT_TYPE} (lib/shares/frames.ts).`));
  const body = await readBytes(request, ctx.shares.config.uploadBodyBytes);
  if (!body.ok) return body.response;
  const frames = decodeFrames(body.bytes);
  if (!frames.ok) return badRequest(frames.message);
  const stored = await ctx.shares.store.putBlobs(frames.frames);
  ctx.shares.collectSoon();
  return stored.ok ? json(stored.value) : shareErrorResponse(stored.error);
}

/** POST /api/shares → 201 {id, version, ownerSecret}. */
export async function handleCreate(request: Request, ctx: HttpContext): Promise<Response> {
  const refused = refusedOrigin(request, ctx);
  if (refused) return refused;
  const body = await jsonBody(request, ctx);
  if (!body.ok) return body.response;
  const parsed = createShareRequest.safeParse(body.value);
  if (!parsed.success) return badRequest(`The share request is not valid: ${issue(parsed.error)}`);
  const created = await ctx.shares.store.create(parsed.data, requester(request));
  return created.ok ? json(created.value, 201) : shareErrorResponse(created.error);
}

/** POST /api/shares/{id}/versions (owner) → 201 {id, version}. */
export async function handleAddVersion(request: Request, ctx: HttpContext, id: string): Promise<Response> {
  const refused = refusedOrigin(request, ctx);
  if (refused) return refused;
  if (!SHARE_ID_PATTERN.test(id)) return shareErrorResponse(unknownShare());
  const body = await jsonBody(request, ctx);
  if (!body.ok) return body.response;
  const parsed = addVersionRequest.safeParse(body.value);
  if (!parsed.success) return badRequest(`The version is not valid: ${issue(parsed.error)}`);
  const added = await ctx.shares.store.addVersion(id, parsed.data, requester(request));
  return added.ok ? json(added.value, 201) : shareErrorResponse(added.error);
}

/** GET /api/shares/{id} → the share and its versions (changes with every publish: not cached). */
export async function handleInfo(request: Request, ctx: HttpContext, id: string): Promise<Response> {
  if (!SHARE_ID_PATTERN.test(id)) return shareErrorResponse(unknownShare());
  const info = await ctx.shares.store.info(id, requester(request));
  return info.ok ? json(info.value) : shareErrorResponse(info.error);
}

/** DELETE /api/shares/{id} (owner): unpublish. */
export async function handleUnpublish(request: Request, ctx: HttpContext, id: string): Promise<Response> {
  const refused = refusedOrigin(request, ctx);
  if (refused) return refused;
  if (!SHARE_ID_PATTERN.test(id)) return shareErrorResponse(unknownShare());
  const done = await ctx.shares.store.unpublish(id, requester(request));
  return done.ok ? json({ unpublished: id, collected: done.value }) : shareErrorResponse(done.error);
}

/** GET /api/shares/{id}/v/{n}: the whole version in one TSB1 body (manifest first, then every blob). */
export async function handleOpenVersion(request: Request, ctx: HttpContext, id: string, n: string): Promise<Response> {
  const resolved = await resolveFrom(request, ctx, id, n);
  if (!resolved.ok) return resolved.response;
  const version = resolved.version;
  const etag = `"v1-${version.versionId}"`;
  const headers = immutableHeaders(version, etag);
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  let cached = ctx.shares.cache.get(version.versionId);
  if (!cached) {
    const opened = await ctx.shares.store.open(version);
    if (!opened.ok) return shareErrorResponse(opened.error);
    const meta: BundleMeta = { share: version.shareId, version: version.number, manifest: version.manifestHash, recording: version.recordingHash, encrypted: version.encrypted };
    const raw = encodeFrames([{ hash: version.manifestHash, bytes: opened.value.manifest }, ...opened.value.blobs], meta);
    // Compressed as a body of its own (not Content-Encoding, which Next drops from route responses): source text
    // shrinks about 4×, and a cache in front stores one variant. Ciphertext does not shrink, so it goes as it is.
    const gzip = new Uint8Array(gzipSync(raw, { level: 6 }));
    cached = gzip.byteLength < raw.byteLength * 0.9 ? { body: gzip, contentType: "application/gzip", etag } : { body: raw, contentType: FRAMES_CONTENT_TYPE, etag };
    ctx.shares.cache.set(version.versionId, cached);
  }
  return new Response(cached.body as Uint8Array<ArrayBuffer>, {
    headers: { ...headers, "content-type": cached.contentType, "content-length": String(cached.body.byteLength) },
  });
}

/** GET /api/shares/{id}/v/{n}/manifest: the manifest alone (what a re-publish diffs against). */
export async function handleManifest(request: Request, ctx: HttpContext, id: string, n: string): Promise<Response> {
  const resolved = await resolveFrom(request, ctx, id, n);
  if (!resolved.ok) return resolved.response;
  const etag = `"m1-${resolved.version.manifestHash}"`;
  const headers = immutableHeaders(resolved.version, etag);
  if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  const body = await ctx.shares.store.manifest(resolved.version);
  if (!body.ok) return shareErrorResponse(body.error);
  return new Response(body.value as Uint8Array<ArrayBuffer>, { headers: { ...headers, "content-type": "application/octet-stream" } });
}

async function resolveFrom(request: Request, ctx: HttpContext, id: string, n: string): Promise<{ ok: true; version: ResolvedVersion } | { ok: false; response: Response }> {
  if (!SHARE_ID_PATTERN.test(id)) return { ok: false, response: shareErrorResponse(unknownShare()) };
  const number = /^[1-9]\d{0,8}$/.test(n) ? Number(n) : null;
  if (number === null) return { ok: false, response: shareErrorResponse({ code: "not-found", message: `"${n.slice(0, 20)}" is not a version number.` }) };
  const resolved = await ctx.shares.store.resolve(id, number, requester(request));
  return resolved.ok ? { ok: true, version: resolved.value } : { ok: false, response: shareErrorResponse(resolved.error) };
}

/** A version never changes, so any cache may keep it for good — a private one only in the owner's own browser. */
function immutableHeaders(version: ResolvedVersion, etag: string): Record<string, string> {
  return {
    etag,
    "cache-control": `${version.visibility === "private" ? "private" : "public"}, max-age=31536000, immutable`,
    ...(version.visibility === "private" ? { vary: OWNER_HEADER } : {}),
    "x-content-type-options": "nosniff",
  };
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");
}


function unknownShare(): ShareError {
  return { code: "not-found", message: "There is no share at this address. Check the link (it may be cut off)." };
}

function issue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const first = error.issues[0];
  if (!first) return "unknown problem";
  return `${first.path.length ? `${first.path.map(String).join(".")}: ` : ""}${first.message}`;
}

/** The raw body, capped while it streams in (Content-Length is only a hint). */
async function readBytes(request: Request, maxBytes: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; response: Response }> {
  const tooLarge = () => ({ ok: false as const, response: errorResponse(failure(413, "too-large", `An upload takes at most ${formatBytes(maxBytes)}; send the blobs in several requests.`)) });
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return { ok: false, response: badRequest("The request has no body.") };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, response: badRequest("The request body could not be read to its end (the connection broke or timed out).") };
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
