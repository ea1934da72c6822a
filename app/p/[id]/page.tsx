import { WorkspaceLoader } from "@/components/workspace/WorkspaceLoader";

export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <WorkspaceLoader projectId={id} />;
}
