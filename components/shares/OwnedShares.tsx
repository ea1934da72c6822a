"use client";
// Home's second list: the shares this browser owns (their manage secrets are here) — links handed out, and cloud
// copies (private, owner-only) — marked as such, with the local project each publishes from when it is here.
import Link from "next/link";
import { Cloud, Link2, Lock } from "lucide-react";
import { useSyncExternalStore } from "react";
import { listOwnedShares, subscribeOwnedShares, type OwnedShare } from "@/lib/shares/client/owned";

const EMPTY: OwnedShare[] = [];

export function OwnedShares({ localProjects }: { localProjects: ReadonlySet<string> }) {
  const owned = useSyncExternalStore(subscribeOwnedShares, listOwnedShares, () => EMPTY);
  if (!owned.length) return null;
  return (
    <section className="mt-10" aria-labelledby="owned-shares" data-testid="owned-shares">
      <h2 id="owned-shares" className="mb-3 text-sm font-semibold">Shared from this browser</h2>
      <ul className="divide-y divide-border rounded-lg border border-border">
        {owned.map((s) => {
          const fragment = s.key ? `#key=${s.key}` : "";
          const local = s.projectId && localProjects.has(s.projectId) ? s.projectId : null;
          return (
            <li key={s.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="owned-share" data-kind={s.kind}>
              {s.kind === "cloud" ? <Cloud size={15} className="shrink-0 text-accent" aria-hidden /> : <Link2 size={15} className="shrink-0 text-muted" aria-hidden />}
              <Link href={`/s/${s.id}${fragment}`} className="min-w-0 flex-1 truncate hover:underline">
                {s.title || "Untitled"}
              </Link>
              <span className="shrink-0 rounded bg-surface-3 px-1.5 py-0.5 text-[11px] text-muted">
                {s.kind === "cloud" ? "cloud copy · private" : "shared link"} · v{s.latestVersion}
              </span>
              {s.key && <Lock size={12} className="shrink-0 text-ok" aria-label="end-to-end encrypted" />}
              {local ? (
                <Link href={`/p/${local}`} className="shrink-0 text-xs text-accent hover:underline">
                  Open project
                </Link>
              ) : (
                <span className="shrink-0 text-xs text-muted">{s.kind === "cloud" ? "not in this browser yet" : ""}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
