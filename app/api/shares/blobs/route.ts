// Upload the blobs a publish found missing (one TSB1 body).
import { handleUpload } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return withShares((ctx) => handleUpload(request, ctx));
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
