// The chat endpoint: check, parse, call lib, respond. The person's own key (if any) arrives in a header and goes
// straight to the provider; it is never stored or logged. The chat's secret arrives in another; handleChat reads both
// (lib/agent/protocol.ts names them).
import { chatStoreFromEnv } from "@/lib/chat-store";
import { describeServerModel } from "@/lib/agent/model-config";
import { handleChat, jsonError } from "@/lib/agent/server/chat-service";
import { CLIENT_HEADER } from "@/lib/server/client-id";
import { serverConfig } from "@/lib/server/config";
import { checkOrigin, fromHeaders } from "@/lib/server/guards";
import { errorResponse } from "@/lib/server/http-error";
import { readJsonBody } from "@/lib/server/json-body";
import { processLimits } from "@/lib/server/limits/process-limits";
import { otherMethods } from "@/lib/server/route-methods";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const config = serverConfig();
  const refused = checkOrigin(request.method, fromHeaders(request.headers), config);
  if (refused) return errorResponse(refused);
  const body = await readJsonBody(request, { maxBytes: config.chatBodyBytes, maxDepth: config.jsonMaxDepth });
  if (!body.ok) return errorResponse(body.failure);
  let store;
  try {
    store = await chatStoreFromEnv();
  } catch (error) {
    console.error("chat store unavailable:", error instanceof Error ? error.message : error);
    return jsonError({ code: "server-error", message: "Tandem's chat history database is not available. Check DATABASE_URL / TANDEM_DATA_DIR on the server." }, 503);
  }
  return handleChat(body.value, request.headers, request.signal, {
    store,
    env: process.env,
    browserEndpoints: config.browserEndpoints,
    limits: processLimits(config),
    client: request.headers.get(CLIENT_HEADER) ?? "unknown",
  });
}

/** What the panel shows before the first message: which model, and whether the server has a key (never the key). */
export function GET(): Response {
  return Response.json(describeServerModel(process.env, serverConfig().browserEndpoints), { headers: { "cache-control": "no-store" } });
}

export const { PUT, PATCH, DELETE } = otherMethods("GET, POST");
