// Which of these content hashes the server lacks (so a publish sends only those).
import { handleMissing } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return withShares((ctx) => handleMissing(request, ctx));
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
