// Publish a new share: parse, check, store — all in lib/shares/server/http.ts.
import { handleCreate } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return withShares((ctx) => handleCreate(request, ctx));
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
