"use client";
// A shared version in the workspace's own components: tree, editor, terminal and preview on an in-memory Project
// (nothing saved), running in the viewer's runtime; the share's banner above; its AI chat where the assistant goes.
// Read-only: the first keystroke offers to fork and the fork keeps it.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useKeepRuntime } from "@/components/terminal/runtime-hooks";
import { useEditorStatePersistence } from "@/components/workspace/useEditorStatePersistence";
import { WorkspaceProvider, type WorkspaceValue } from "@/components/workspace/WorkspaceContext";
import { WorkspaceShell } from "@/components/workspace/WorkspaceShell";
import type { ProjectMeta } from "@/lib/persistence/projects";
import { applyEdits, decodeEdits, type Edits } from "@/lib/shares/client/edits";
import { forkToLocal } from "@/lib/shares/client/fork";
import { readFragment } from "@/lib/shares/client/links";
import { findOwnedShare, updateOwnedShare } from "@/lib/shares/client/owned";
import { editorStore } from "@/lib/workspace/editor-store";
import type { ReadOnlyEdit } from "@/lib/workspace/editor-types";
import { ForkPrompt } from "./ForkPrompt";
import { RecordingPanel } from "./RecordingPanel";
import { ShareBanner } from "./ShareBanner";
import type { OpenShareState } from "./useOpenShare";
import { VersionsDialog } from "./VersionsDialog";

type Ready = Extract<OpenShareState, { status: "ready" }>;

const READ_ONLY = "This is a shared project, open read-only. Fork it to edit (or just start typing).";
const FIRST_FILES = ["README.md", "readme.md", "index.html", "index.js", "index.ts", "src/main.tsx", "src/main.ts", "src/index.js", "main.py"];

/** What to show first: a README or an entry point, else the first text file. */
export function firstFile(paths: readonly string[], wanted: readonly string[] = []): string | null {
  for (const p of [...wanted, ...FIRST_FILES]) if (paths.includes(p)) return p;
  return paths[0] ?? null;
}

export function SharedWorkspace({ state, open = [] }: { state: Ready; open?: readonly string[] }) {
  const { info, opened, project, title, keyText, ownerSecret } = state;
  const router = useRouter();
  const projectId = `share-${info.id}-v${opened.version}`;
  const meta = useMemo<ProjectMeta>(() => {
    const at = Date.parse(info.versions.find((v) => v.number === opened.version)?.createdAt ?? info.createdAt);
    return { id: projectId, name: title, createdAt: at, openedAt: at, updatedAt: at, size: 0, fileCount: opened.files.length, dirs: opened.dirs, seq: 0 };
  }, [projectId, title, info, opened]);
  const [edit, setEdit] = useState<ReadOnlyEdit | null>(null);
  const [forking, setForking] = useState(false);
  const [forkError, setForkError] = useState<string | null>(null);
  const [versions, setVersions] = useState(false);

  // One's own cloud copy, opened in another browser with its manage link, becomes this browser's project of it (no
  // "forked from": it is the same project), and Save to cloud there goes on publishing to the same share.
  const ownCloud = findOwnedShare(info.id)?.kind === "cloud";
  const fork = async (keep: ReadOnlyEdit | null, edits: Edits | null = null) => {
    setForking(true);
    setForkError(null);
    const active = editorStore.getState().active;
    const result = await forkToLocal({
      title,
      files: edits ? applyEdits(opened.files, edits) : opened.files,
      dirs: opened.dirs,
      ...(ownCloud ? {} : { origin: { share: info.id, version: opened.version, title } }),
      ...(keep ? { edit: keep } : {}),
      // The files edited in an embed, else the one being read, else what a viewer sees first.
      open: [...(edits ? Object.keys(edits.set) : []), ...(active ? [active] : []), ...[firstFile(opened.files.filter(([, c]) => typeof c === "string").map(([p]) => p))].filter((p): p is string => p !== null)],
    }).catch((error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }));
    if (!result.ok) {
      setForking(false);
      setForkError(result.message);
      return;
    }
    if (ownCloud) updateOwnedShare(info.id, { projectId: result.projectId, latestVersion: info.versions.at(-1)?.number ?? opened.version });
    router.push(`/p/${result.projectId}`);
  };

  const workspace = useMemo<WorkspaceValue>(
    () => ({ projectId, meta, project, autosave: null, readOnly: true, readOnlyReason: READ_ONLY, onReadOnlyEdit: (e) => setEdit((current) => current ?? e) }),
    [projectId, meta, project],
  );
  useKeepRuntime(projectId, project);
  const ready = useEditorStatePersistence(projectId, project, true);
  // "Open in Tandem" from an embed lands here with ?fork=1 (and the embed's edits in the fragment): fork at once.
  useEffect(() => {
    if (!ready || new URLSearchParams(window.location.search).get("fork") !== "1") return;
    const text = readFragment(window.location.hash).edits;
    const edits = text ? decodeEdits(text) : null;
    if (text && !edits) return setForkError("The edits in this link are damaged; fork without them, or go back to the embed.");
    void fork(null, edits);
    // Once, when the version is ready.
  }, [ready]);

  useEffect(() => {
    if (!ready) return;
    const paths = project.listFiles().filter((f) => typeof f.content === "string").map((f) => f.path);
    const first = firstFile(paths, open);
    if (first && !editorStore.getState().active) editorStore.getState().openFile(first);
    document.title = `${title} · Tandem`;
  }, [ready, project, title, open]);
  if (!ready) return <div className="flex h-dvh items-center justify-center text-sm text-muted">Opening shared project…</div>;
  return (
    <WorkspaceProvider value={workspace}>
      <WorkspaceShell
        banner={<ShareBanner info={info} title={title} version={opened.version} keyText={keyText} forking={forking} forkLabel={ownCloud ? "Open as my project" : "Fork to edit"} onFork={() => void fork(null)} onVersions={() => setVersions(true)} />}
        assistantSlot={<RecordingPanel recording={opened.recording} />}
      />
      {forkError && edit === null && (
        <p role="alert" className="fixed bottom-8 left-1/2 z-50 -translate-x-1/2 rounded bg-danger px-3 py-1.5 text-xs text-white" data-testid="fork-error">
          {forkError}
        </p>
      )}
      <ForkPrompt edit={edit} busy={forking} error={forkError} onFork={() => void fork(edit)} onCancel={() => setEdit(null)} />
      <VersionsDialog open={versions} onClose={() => setVersions(false)} info={info} current={opened.version} keyText={keyText} ownerSecret={ownerSecret} />
    </WorkspaceProvider>
  );
}
