// A share's details and versions (GET), or unpublish it (DELETE, owner only).
import { handleInfo, handleUnpublish } from "@/lib/shares/server/http";
import { otherMethods } from "@/lib/server/route-methods";
import { withShares } from "@/lib/shares/server/route-context";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return withShares((ctx) => handleInfo(request, ctx, id));
}

export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return withShares((ctx) => handleUnpublish(request, ctx, id));
}

export const { POST, PUT, PATCH } = otherMethods("GET, DELETE");
