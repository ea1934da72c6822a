"use client";
import "@/components/ui/zod-jitless";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { preloadEditor } from "@/components/editor/preload";
import { prewarmProjectRuntime } from "@/components/terminal/runtime-hooks";
import { prefetchProject } from "@/lib/persistence/prefetch";

// The workspace lives only in the browser (IndexedDB, Monaco, Workers): never server-rendered.
const WorkspaceView = dynamic(() => import("./WorkspaceView").then((m) => m.WorkspaceView), {
  ssr: false,
  loading: () => <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening project…</div>,
});

export function WorkspaceLoader({ projectId }: { projectId: string }) {
  // None of these needs the workspace's code, so they start as soon as the page runs, beside its download: Monaco
  // (the largest download), the runtime's sandbox page and Worker, and reading the project from IndexedDB.
  useEffect(preloadEditor, []);
  useEffect(() => prewarmProjectRuntime(projectId), [projectId]);
  useEffect(() => prefetchProject(projectId), [projectId]);
  return <WorkspaceView projectId={projectId} />;
}
