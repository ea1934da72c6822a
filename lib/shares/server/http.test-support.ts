// Tests only: a fetch that sends requests straight to the shares handlers (what app/api/shares/** do under Next), so
// the browser's publish code, the HTTP layer and the store are tested together without a server.
import { CLIENT_HEADER } from "@/lib/server/client-id";
import { loadServerConfig } from "@/lib/server/config";
import { handleAddVersion, handleCreate, handleInfo, handleManifest, handleMissing, handleOpenVersion, handleUnpublish, handleUpload, type HttpContext } from "./http";
import type { Shares } from "./index";

export const TEST_ORIGIN = "http://127.0.0.1:3000";

export function testContext(shares: Shares): HttpContext {
  return { shares, server: loadServerConfig({ HOST: "127.0.0.1", PORT: "3000" }) };
}

export function routerFetch(ctx: HttpContext, client = "ip4:127.0.0.1"): typeof fetch {
  return async (input, init) => {
    const request = new Request(new URL(String(input), TEST_ORIGIN), init);
    // What the browser and the edge add: the page's origin, and who the client is.
    if (request.method !== "GET" && !request.headers.has("origin")) request.headers.set("origin", TEST_ORIGIN);
    request.headers.set(CLIENT_HEADER, client);
    const path = new URL(request.url).pathname;
    const m = (re: RegExp) => path.match(re);
    let r: RegExpMatchArray | null;
    if (path === "/api/shares" && request.method === "POST") return handleCreate(request, ctx);
    if (path === "/api/shares/blobs" && request.method === "POST") return handleUpload(request, ctx);
    if (path === "/api/shares/blobs/missing" && request.method === "POST") return handleMissing(request, ctx);
    if ((r = m(/^\/api\/shares\/([^/]+)$/))) return request.method === "DELETE" ? handleUnpublish(request, ctx, r[1]!) : handleInfo(request, ctx, r[1]!);
    if ((r = m(/^\/api\/shares\/([^/]+)\/versions$/))) return handleAddVersion(request, ctx, r[1]!);
    if ((r = m(/^\/api\/shares\/([^/]+)\/v\/([^/]+)$/))) return handleOpenVersion(request, ctx, r[1]!, r[2]!);
    if ((r = m(/^\/api\/shares\/([^/]+)\/v\/([^/]+)\/manifest$/))) return handleManifest(request, ctx, r[1]!, r[2]!);
    return Response.json({ code: "not-found", message: "no route" }, { status: 404 });
  };
}
