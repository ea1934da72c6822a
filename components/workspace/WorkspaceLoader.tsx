"use client";
import dynamic from "next/dynamic";

// The workspace lives only in the browser (IndexedDB, Monaco, Workers): never server-rendered.
const WorkspaceView = dynamic(() => import("./WorkspaceView").then((m) => m.WorkspaceView), {
  ssr: false,
  loading: () => <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening project…</div>,
});

export function WorkspaceLoader({ projectId }: { projectId: string }) {
  return <WorkspaceView projectId={projectId} />;
}
