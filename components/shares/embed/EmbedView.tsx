"use client";
import { Loader2, Play } from "lucide-react";
import { useState } from "react";
import type { EmbedOptions } from "@/lib/shares/embed";
import { ShareProblem } from "../view/ShareProblem";
import { useOpenShare } from "../view/useOpenShare";
import { EmbedWorkspace } from "./EmbedWorkspace";

/** /embed/[id]: with clickToLoad, a placeholder until the person asks (nothing heavy loads before); then the embed. */
export function EmbedView({ shareId, version, options, onLoad }: { shareId: string; version: number | "latest"; options: EmbedOptions; onLoad: () => void }) {
  const [loaded, setLoaded] = useState(!options.clickToLoad);
  if (!loaded)
    return (
      <button
        type="button"
        data-testid="embed-click-to-load"
        onClick={() => {
          onLoad();
          setLoaded(true);
        }}
        className="flex h-dvh w-full flex-col items-center justify-center gap-2 bg-surface-2 text-sm text-fg hover:bg-surface-3"
      >
        <Play size={28} className="text-accent" aria-hidden />
        Load the project — it runs in your browser
      </button>
    );
  return <LoadedEmbed shareId={shareId} version={version} options={options} />;
}

function LoadedEmbed({ shareId, version, options }: { shareId: string; version: number | "latest"; options: EmbedOptions }) {
  const state = useOpenShare(shareId, version);
  if (state.status === "loading")
    return (
      <div className="flex h-dvh items-center justify-center gap-2 text-sm text-muted">
        <Loader2 className="animate-spin" size={16} aria-hidden /> Opening…
      </div>
    );
  if (state.status === "problem") return <ShareProblem code={state.code} title={state.title} message={state.message} />;
  return <EmbedWorkspace state={state} options={options} />;
}
