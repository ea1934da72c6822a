import { EmbedLoader } from "@/components/shares/embed/EmbedLoader";
import { ShareProblem } from "@/components/shares/view/ShareProblem";
import { parseEmbedParams } from "@/lib/shares/embed";
import { sharePageParams } from "@/lib/shares/protocol";
import { searchParamsOf, type PageSearchParams } from "@/lib/shares/search-params";

/** One version of a share, embedded in another site's page. */
export default async function EmbedVersionPage({ params, searchParams }: { params: Promise<{ id: string; n: string }>; searchParams: PageSearchParams }) {
  const parsed = sharePageParams.safeParse(await params);
  if (!parsed.success || parsed.data.n === undefined) return <ShareProblem code="not-found" title="There is no share here" message="This embed's address is not a share." />;
  return <EmbedLoader shareId={parsed.data.id} version={parsed.data.n} options={parseEmbedParams(searchParamsOf(await searchParams))} />;
}
