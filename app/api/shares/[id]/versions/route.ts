// Publish again: a new version (owner only).
import { handleAddVersion } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return withShares((ctx) => handleAddVersion(request, ctx, id));
}

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
