import { ShareProblem } from "@/components/shares/view/ShareProblem";
import { ShareViewLoader } from "@/components/shares/view/ShareViewLoader";
import { sharePageParams } from "@/lib/shares/protocol";

/** One version of a shared project; it never changes. */
export default async function ShareVersionPage({ params }: { params: Promise<{ id: string; n: string }> }) {
  const parsed = sharePageParams.safeParse(await params);
  if (!parsed.success || parsed.data.n === undefined)
    return <ShareProblem code="not-found" title="There is no share here" message="This address is not a share link. Check that the whole link was copied." />;
  return <ShareViewLoader shareId={parsed.data.id} version={parsed.data.n} />;
}
