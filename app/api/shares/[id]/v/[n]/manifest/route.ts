// One version's manifest alone (what a re-publish diffs against), immutable.
import { handleManifest } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; n: string }> }): Promise<Response> {
  const { id, n } = await params;
  return withShares((ctx) => handleManifest(request, ctx, id, n));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
