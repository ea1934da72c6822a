"use client";
// The runtime item of the status bar: which runtime runs the project, its state, why it fell back, and the setting
// that forces one. Placed by the workspace shell (StatusBar's runtimeSlot).
import { Cpu, Loader2, TriangleAlert } from "lucide-react";
import { useState } from "react";
import type { RuntimePreference } from "@/lib/runtimes/types";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { getPreference, setPreference, useRuntimeStatus } from "./runtime-hooks";

const NAMES = { webcontainer: "WebContainer", offline: "Offline runtime" } as const;

export function RuntimeStatus() {
  const { projectId, project } = useWorkspace();
  const status = useRuntimeStatus();
  const [preference, setLocal] = useState<RuntimePreference>(() => getPreference(projectId));
  const label = status ? `${NAMES[status.kind]}: ${status.progress.message}` : "Runtime starting…";
  const busy = status?.state === "booting";
  const failed = status?.state === "failed";
  return (
    <span className="flex min-w-0 items-center gap-1.5" data-testid="runtime-status" data-kind={status?.kind ?? ""} data-state={status?.state ?? "booting"}>
      {busy ? <Loader2 size={12} className="animate-spin" aria-hidden /> : failed ? <TriangleAlert size={12} className="text-danger" aria-hidden /> : <Cpu size={12} aria-hidden />}
      <span className={`truncate ${failed ? "text-danger" : ""}`} title={status?.reason ? `${label}\n${status.reason}` : label}>
        {status?.state === "ready" ? NAMES[status.kind] : label}
      </span>
      {status?.reason && (
        <span className="truncate text-warn" data-testid="runtime-reason" title={status.reason}>
          — {status.reason}
        </span>
      )}
      <label className="sr-only" htmlFor="runtime-preference">
        Runtime
      </label>
      <select
        id="runtime-preference"
        data-testid="runtime-preference"
        value={preference}
        onChange={(e) => {
          const next = e.target.value as RuntimePreference;
          setLocal(next);
          setPreference(next, projectId, project);
        }}
        className="rounded border border-border bg-surface px-1 text-[11px]"
        title="Which runtime runs this project (remembered for this project in this browser)"
      >
        <option value="auto">Auto</option>
        <option value="webcontainer">WebContainer</option>
        <option value="offline">Offline</option>
      </select>
    </span>
  );
}
