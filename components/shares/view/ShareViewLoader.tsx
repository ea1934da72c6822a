"use client";
import "@/components/ui/zod-jitless";
import dynamic from "next/dynamic";
import { useEffect } from "react";
import { preloadEditor } from "@/components/editor/preload";
import { prewarmProjectRuntime } from "@/components/terminal/runtime-hooks";
import { prefetchShare } from "@/lib/shares/client/prefetch";
import { linkSecrets } from "./useOpenShare";

const ShareView = dynamic(() => import("./ShareView").then((m) => m.ShareView), {
  ssr: false,
  loading: () => <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening shared project…</div>,
});

export function ShareViewLoader({ shareId, version }: { shareId: string; version: number | "latest" }) {
  // As for a local project (WorkspaceLoader): the downloads that need none of the viewer's code start at once.
  useEffect(preloadEditor, []);
  // A share has no runtime preference of its own (none is stored for it): Auto.
  useEffect(() => prewarmProjectRuntime(`share-${shareId}`), [shareId]);
  useEffect(() => prefetchShare(shareId, version, linkSecrets(shareId)), [shareId, version]);
  return <ShareView shareId={shareId} version={version} />;
}
