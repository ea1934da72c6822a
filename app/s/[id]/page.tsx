import { ShareProblem } from "@/components/shares/view/ShareProblem";
import { ShareViewLoader } from "@/components/shares/view/ShareViewLoader";
import { sharePageParams } from "@/lib/shares/protocol";

/** A shared project's latest version. */
export default async function SharePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = sharePageParams.safeParse(await params);
  if (!parsed.success) return <ShareProblem code="not-found" title="There is no share here" message="This address is not a share link. Check that the whole link was copied." />;
  return <ShareViewLoader shareId={parsed.data.id} version="latest" />;
}
