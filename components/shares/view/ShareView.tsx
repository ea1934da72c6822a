"use client";
import { Loader2 } from "lucide-react";
import { ShareProblem } from "./ShareProblem";
import { SharedWorkspace } from "./SharedWorkspace";
import { useOpenShare } from "./useOpenShare";

/** /s/[id] and /s/[id]/v/[n]: a shared project, or why it cannot open. */
export function ShareView({ shareId, version }: { shareId: string; version: number | "latest" }) {
  const state = useOpenShare(shareId, version);
  if (state.status === "loading")
    return (
      <div className="flex h-dvh items-center justify-center gap-2 text-sm text-muted" data-testid="share-loading">
        <Loader2 className="animate-spin" size={18} aria-hidden /> Opening shared project…
      </div>
    );
  if (state.status === "problem") return <ShareProblem code={state.code} title={state.title} message={state.message} />;
  return <SharedWorkspace key={`${state.info.id}/${state.opened.version}`} state={state} />;
}
