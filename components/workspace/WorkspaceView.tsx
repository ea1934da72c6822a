"use client";
import Link from "next/link";
import { Loader2 } from "lucide-react";
import { useState } from "react";
import { useKeepRuntime } from "@/components/terminal/runtime-hooks";
import { useEditorStatePersistence } from "./useEditorStatePersistence";
import { useOpenProject } from "./useOpenProject";
import { WorkspaceProvider, type WorkspaceValue } from "./WorkspaceContext";
import { WorkspaceShell } from "./WorkspaceShell";

/** /p/[id]: opens a local project, or explains why it cannot. */
export function WorkspaceView({ projectId }: { projectId: string }) {
  const state = useOpenProject(projectId);
  if (state.status === "loading") return <Centered><Loader2 className="animate-spin" size={18} aria-hidden /> Opening project…</Centered>;
  if (state.status !== "ready")
    return (
      <Centered>
        <div className="max-w-md text-center" role="alert">
          <p className="mb-2 font-medium">{state.status === "missing" ? "Project not found" : "The project could not be opened"}</p>
          <p className="mb-4 text-sm text-muted">{state.message}</p>
          <Link href="/" className="rounded bg-accent px-3 py-1.5 text-sm text-accent-fg">Back to your projects</Link>
        </div>
      </Centered>
    );
  return <Workspace workspace={state.workspace} takeOver={state.takeOver} />;
}

function Workspace({ workspace, takeOver }: { workspace: WorkspaceValue; takeOver: () => Promise<void> }) {
  useKeepRuntime(workspace.projectId, workspace.project); // boots while the editor state is restored and the shell renders
  const ready = useEditorStatePersistence(workspace.projectId, workspace.project, workspace.readOnly, workspace.meta.template);
  if (!ready) return <Centered><Loader2 className="animate-spin" size={18} aria-hidden /> Restoring your editor…</Centered>;
  return (
    <WorkspaceProvider value={workspace}>
      {workspace.readOnly && <ReadOnlyBanner takeOver={takeOver} />}
      <WorkspaceShell />
    </WorkspaceProvider>
  );
}

function ReadOnlyBanner({ takeOver }: { takeOver: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <div role="alert" data-testid="read-only-banner" className="fixed inset-x-0 top-0 z-40 flex items-center justify-center gap-3 bg-warn px-3 py-1.5 text-xs font-medium text-white">
      This project is open in another tab. To keep both tabs from overwriting each other, this one is read-only.
      <button
        type="button"
        disabled={busy}
        className="rounded bg-white/20 px-2 py-0.5 hover:bg-white/30"
        onClick={() => {
          setBusy(true);
          void takeOver().finally(() => setBusy(false));
        }}
      >
        {busy ? "Taking over…" : "Edit here instead"}
      </button>
    </div>
  );
}

function Centered({ children }: { children: React.ReactNode }) {
  return <div className="flex h-dvh items-center justify-center gap-2 text-sm text-muted">{children}</div>;
}
