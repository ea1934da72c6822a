"use client";
import "@/components/ui/zod-jitless";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useState } from "react";
import { preloadEditor } from "@/components/editor/preload";
import { prewarmProjectRuntime } from "@/components/terminal/runtime-hooks";
import { prefetchShare } from "@/lib/shares/client/prefetch";
import { installStorageFallback } from "@/lib/shares/client/storage-fallback";
import type { EmbedOptions } from "@/lib/shares/embed";
import { linkSecrets } from "../view/useOpenShare";

const EmbedView = dynamic(() => import("./EmbedView").then((m) => m.EmbedView), { ssr: false, loading: () => <div className="h-dvh bg-surface-2" /> });

export function EmbedLoader({ shareId, version, options }: { shareId: string; version: number | "latest"; options: EmbedOptions }) {
  const start = useCallback(() => {
    preloadEditor();
    prewarmProjectRuntime(`embed-${shareId}`);
    prefetchShare(shareId, version, linkSecrets(shareId));
  }, [shareId, version]);
  // First of all, before any child renders or runs an effect (children's effects run before their parent's):
  // storage blocked in this third-party frame must not crash what reads preferences from it. Idempotent.
  useState(() => typeof window !== "undefined" && installStorageFallback());
  // clickToLoad: the editor, the runtime and the project wait for the click.
  useEffect(() => {
    if (!options.clickToLoad) start();
  }, [options.clickToLoad, start]);
  return <EmbedView shareId={shareId} version={version} options={options} onLoad={start} />;
}
