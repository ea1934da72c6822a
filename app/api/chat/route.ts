// The chat endpoint: parse, call lib, respond. The person's own key (if any) arrives in a header and goes straight to
// the provider; it is never stored or logged. The chat's secret arrives in another (see lib/agent/server/chat-owner.ts).
import { chatStoreFromEnv } from "@/lib/chat-store";
import { describeServerModel } from "@/lib/agent/model-config";
import { handleChat, jsonError } from "@/lib/agent/server/chat-service";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return jsonError({ code: "bad-request", message: "The request body is not JSON." }, 400);
  }
  let store;
  try {
    store = await chatStoreFromEnv();
  } catch (error) {
    console.error("chat store unavailable:", error instanceof Error ? error.message : error);
    return jsonError({ code: "server-error", message: "Tandem's chat history database is not available. Check DATABASE_URL / TANDEM_DATA_DIR on the server." }, 503);
  }
  // The model key and the chat secret ride in headers (lib/agent/protocol.ts); handleChat reads them.
  return handleChat(body, request.headers, request.signal, { store, env: process.env });
}

/** What the panel shows before the first message: which model, and whether the server has a key (never the key). */
export function GET(): Response {
  return Response.json(describeServerModel(process.env), { headers: { "cache-control": "no-store" } });
}
