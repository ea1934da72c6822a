"use client";
import Link from "next/link";
import { GitFork, History, Loader2 } from "lucide-react";
import type { ShareInfo } from "@/lib/shares/protocol";
import { relativeTime } from "./time";

interface Props {
  info: ShareInfo;
  title: string;
  version: number;
  keyText?: string | undefined;
  forking: boolean;
  forkLabel: string;
  onFork: () => void;
  onVersions: () => void;
}

/** Above a shared project: what it is, which version of how many, when, where it was forked from, and Fork. */
export function ShareBanner({ info, title, version, keyText, forking, forkLabel, onFork, onVersions }: Props) {
  const summary = info.versions.find((v) => v.number === version);
  const latest = info.versions.at(-1)?.number ?? version;
  const fragment = keyText ? `#key=${keyText}` : "";
  return (
    <div className="flex h-10 shrink-0 items-center gap-3 border-b border-border bg-accent/10 px-3 text-xs" data-testid="share-banner">
      <span className="min-w-0 truncate font-medium" data-testid="share-banner-title">{title}</span>
      <span className="shrink-0 text-muted" data-testid="share-banner-version">
        version {version} of {latest}
        {summary ? ` · ${relativeTime(summary.createdAt)}` : ""}
        {version !== latest && (
          <>
            {" · "}
            <Link className="text-accent underline" href={`/s/${info.id}${fragment}`}>
              see the latest
            </Link>
          </>
        )}
      </span>
      {info.forkedFrom && (
        <span className="hidden shrink-0 text-muted md:inline" data-testid="share-banner-forked">
          forked from{" "}
          {info.forkedFrom.available ? (
            <Link className="text-accent underline" href={`/s/${info.forkedFrom.share}/v/${info.forkedFrom.version}`}>
              {info.forkedFrom.title || "a share"} v{info.forkedFrom.version}
            </Link>
          ) : (
            "a share that was unpublished"
          )}
        </span>
      )}
      <span className="ml-auto shrink-0 text-muted">Read-only · runs in your browser</span>
      <button type="button" onClick={onVersions} data-testid="share-versions" className="inline-flex shrink-0 items-center gap-1 rounded border border-border px-2 py-1 hover:bg-surface-3">
        <History size={13} aria-hidden /> Versions
      </button>
      <button type="button" onClick={onFork} disabled={forking} data-testid="share-fork" className="inline-flex shrink-0 items-center gap-1 rounded bg-accent px-2.5 py-1 font-medium text-accent-fg disabled:opacity-60">
        {forking ? <Loader2 size={13} className="animate-spin" aria-hidden /> : <GitFork size={13} aria-hidden />}
        {forkLabel}
      </button>
    </div>
  );
}
