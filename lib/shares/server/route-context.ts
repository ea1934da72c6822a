// Server only. What every shares route starts with: the server's configuration and the process's share store; a
// store that cannot start (database down, bad DATABASE_URL) is a clear 503, retried on the next request.
import { serverConfig } from "@/lib/server/config";
import { errorResponse, failure } from "@/lib/server/http-error";
import type { HttpContext } from "./http";
import { sharesFromEnv } from "./index";

export async function withShares(fn: (ctx: HttpContext) => Promise<Response>): Promise<Response> {
  const server = serverConfig();
  let shares;
  try {
    shares = await sharesFromEnv(server);
  } catch (error) {
    console.error("share store unavailable:", error instanceof Error ? error.message : error);
    return errorResponse(failure(503, "server-error", "Tandem's share database is not available. Check DATABASE_URL / TANDEM_DATA_DIR on the server."));
  }
  return fn({ shares, server });
}
