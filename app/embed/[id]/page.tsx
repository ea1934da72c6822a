import { EmbedLoader } from "@/components/shares/embed/EmbedLoader";
import { ShareProblem } from "@/components/shares/view/ShareProblem";
import { parseEmbedParams } from "@/lib/shares/embed";
import { sharePageParams } from "@/lib/shares/protocol";
import { searchParamsOf, type PageSearchParams } from "@/lib/shares/search-params";

/** A share embedded in another site's page (the one route another site may frame: lib/server/security-headers.ts). */
export default async function EmbedPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: PageSearchParams }) {
  const parsed = sharePageParams.safeParse(await params);
  if (!parsed.success) return <ShareProblem code="not-found" title="There is no share here" message="This embed's address is not a share." />;
  return <EmbedLoader shareId={parsed.data.id} version="latest" options={parseEmbedParams(searchParamsOf(await searchParams))} />;
}
