"use client";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { prewarmProjectRuntime } from "@/components/terminal/runtime-hooks";
import { prefetchProject } from "@/lib/persistence/prefetch";

// The workspace lives only in the browser (IndexedDB, Monaco, Workers): never server-rendered.
const WorkspaceView = dynamic(() => import("./WorkspaceView").then((m) => m.WorkspaceView), {
  ssr: false,
  loading: () => <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening project…</div>,
});

export function WorkspaceLoader({ projectId }: { projectId: string }) {
  // The runtime's sandbox page and Worker need no project: start them as soon as the page runs, while the workspace
  // code downloads and the project is read from IndexedDB.
  useEffect(prewarmProjectRuntime, []);
  useEffect(() => prefetchProject(projectId), [projectId]);
  return <WorkspaceView projectId={projectId} />;
}
