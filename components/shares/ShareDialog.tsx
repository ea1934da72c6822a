"use client";
// Share (or Save to cloud): what will be sent — files left out, likely secrets held back, the AI chat — then publish,
// and the links. A project that already has a share publishes its next version here (with a message) or unpublishes.
import { AlertTriangle, Loader2, ShieldAlert } from "lucide-react";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import { Dialog } from "@/components/ui/Dialog";
import { useProjectVersion, useWorkspace } from "@/components/workspace/WorkspaceContext";
import { listChats, type ChatRecord } from "@/lib/agent/client/chat-persistence";
import { shareApi, ShareApiError, unpublishShare } from "@/lib/shares/client/api";
import { recordingFromChat } from "@/lib/shares/client/chat-recording";
import { forgetShare, shareOfProject, subscribeOwnedShares, type OwnedShare } from "@/lib/shares/client/owned";
import { planShare, publishProject, type ProjectShareResult } from "@/lib/shares/client/project-share";
import { REASON_TEXT } from "@/lib/shares/client/select";
import { editorStore } from "@/lib/workspace/editor-store";
import { formatBytes } from "@/lib/workspace/file-kind";
import { ShareLinks } from "./ShareLinks";

type Phase = { kind: "form" } | { kind: "busy"; what: string } | { kind: "done"; owned: OwnedShare; version: number; stats: ProjectShareResult["stats"] | null };

export function ShareDialog({ open, onClose, kind }: { open: boolean; onClose: () => void; kind: OwnedShare["kind"] }) {
  const { project, projectId, meta } = useWorkspace();
  const existing = useSyncExternalStore(subscribeOwnedShares, () => shareOfProject(projectId, kind) ?? null, () => null);
  const cloud = kind === "cloud";
  const [title, setTitle] = useState(meta.name);
  const [description, setDescription] = useState("");
  const [message, setMessage] = useState("");
  const [encrypt, setEncrypt] = useState(false);
  const [chat, setChat] = useState<ChatRecord | null>(null);
  const [includeChat, setIncludeChat] = useState(false);
  const [includeGroups, setIncludeGroups] = useState<ReadonlySet<string>>(new Set());
  const [includeSecrets, setIncludeSecrets] = useState<ReadonlySet<string>>(new Set());
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [error, setError] = useState<string | null>(null);
  const drafts = useStore(editorStore, (s) => Object.keys(s.drafts).length);

  useEffect(() => {
    if (!open) return;
    setPhase({ kind: "form" });
    setError(null);
    setTitle(existing?.title ?? meta.name);
    void listChats(projectId)
      .then((chats) => setChat(chats.find((c) => c.messages.length > 0) ?? null))
      .catch(() => setChat(null));
    // Only when the dialog opens: later changes to `existing` come from publishing in it.
  }, [open, projectId]);

  // Follows the project: publishing another version from the open dialog sends what the files are now.
  const version = useProjectVersion();
  const plan = useMemo(
    () => (open ? planShare(project.listFiles(), project.listEmptyDirs(), { includeGroups, includeSecrets }) : null),
    [open, project, version, includeGroups, includeSecrets],
  );
  const toggle = (set: ReadonlySet<string>, value: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  const run = async () => {
    if (!plan) return;
    setError(null);
    setPhase({ kind: "busy", what: existing ? "Publishing a new version…" : cloud ? "Saving to the cloud…" : "Publishing…" });
    try {
      const result = await publishProject({
        projectId,
        plan,
        title: title.trim() || meta.name,
        description: description.trim(),
        message: message.trim(),
        kind,
        encrypt,
        ...(includeChat && chat ? { recording: recordingFromChat(chat, meta.template ? { template: meta.template } : {}) } : {}),
        ...(meta.origin && !existing ? { forkedFrom: { share: meta.origin.share, version: meta.origin.version } } : {}),
      });
      setMessage("");
      setPhase({ kind: "done", owned: result.owned, version: result.version, stats: result.stats });
    } catch (e) {
      setError(e instanceof ShareApiError || e instanceof Error ? e.message : String(e));
      setPhase({ kind: "form" });
    }
  };

  const unpublish = async (owned: OwnedShare) => {
    if (!window.confirm(`Unpublish "${owned.title}"? Its links stop working and every version is deleted from the server.`)) return;
    setPhase({ kind: "busy", what: "Unpublishing…" });
    try {
      await unpublishShare(shareApi(), owned.id, owned.secret);
      forgetShare(owned.id);
      setPhase({ kind: "form" });
    } catch (e) {
      if (e instanceof ShareApiError && e.code === "gone") forgetShare(owned.id);
      setError(e instanceof Error ? e.message : String(e));
      setPhase({ kind: "form" });
    }
  };

  const heading = cloud ? "Save to cloud" : existing ? "Share — publish a new version" : "Share this project";
  return (
    <Dialog open={open} onClose={onClose} label={heading} testId={cloud ? "cloud-dialog" : "share-dialog"} className="w-[min(640px,95vw)]">
      <div className="max-h-[85vh] overflow-y-auto p-4">
        <h2 className="mb-3 text-sm font-semibold">{heading}</h2>
        {phase.kind === "done" ? (
          <div className="space-y-3">
            <p className="text-xs text-ok" role="status" data-testid="share-done" data-sent={phase.stats?.sent}>
              {phase.stats
                ? `${cloud ? "Saved" : "Published"}: version ${phase.version} · ${phase.stats.files} files · ${formatBytes(phase.stats.bytes)}${phase.version > 1 ? ` · sent ${formatBytes(phase.stats.sent)}` : ""}`
                : `Version ${phase.version} is the latest.`}
            </p>
            <ShareLinks owned={phase.owned} version={phase.version} />
            <Footer>
              <button type="button" className={secondary} onClick={() => setPhase({ kind: "form" })}>
                Publish another version
              </button>
              <button type="button" className={primary} onClick={onClose}>
                Done
              </button>
            </Footer>
          </div>
        ) : (
          <form
            className="space-y-3 text-xs"
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            {existing && (
              <div className="flex items-center gap-2 rounded bg-surface-2 p-2" data-testid="share-existing">
                <span className="min-w-0 flex-1 truncate">
                  {cloud ? "Cloud copy" : "Shared"} as “{existing.title}”, version {existing.latestVersion}
                  {existing.key ? " · end-to-end encrypted" : ""}
                </span>
                <button type="button" className={secondary} data-testid="share-show-links" onClick={() => setPhase({ kind: "done", owned: existing, version: existing.latestVersion, stats: null })}>
                  Links
                </button>
                <button type="button" className={`${secondary} text-danger`} data-testid="share-unpublish" onClick={() => void unpublish(existing)}>
                  {cloud ? "Delete cloud copy" : "Unpublish"}
                </button>
              </div>
            )}
            {/* A share's title is set when it is created (versions have messages). */}
            {!existing && (
              <Field label="Title">
                <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} data-testid="share-title" className={input} />
              </Field>
            )}
            {!existing && !cloud && (
              <Field label="Description (optional)">
                <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={2} data-testid="share-description" className={`${input} resize-none`} />
              </Field>
            )}
            {existing && (
              <Field label="What changed in this version (optional)">
                <input value={message} onChange={(e) => setMessage(e.target.value)} maxLength={500} data-testid="share-message" className={input} placeholder="e.g. Fixed the failing test" />
              </Field>
            )}
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={includeChat && chat !== null} disabled={!chat} onChange={(e) => setIncludeChat(e.target.checked)} data-testid="share-include-chat" />
              {chat ? <>Include the AI chat “{chat.title}” ({chat.messages.length} messages), so viewers can replay it</> : <span className="text-muted">Include the AI chat (this project has none yet)</span>}
            </label>
            {!existing && !cloud && (
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} data-testid="share-encrypt" />
                End-to-end encrypt: the key stays in the link (after #); the server stores only ciphertext
              </label>
            )}
            {plan && plan.findings.length > 0 && (
              <section className="rounded border border-danger/40 p-2" data-testid="share-secrets">
                <p className="mb-1.5 flex items-center gap-1.5 font-medium text-danger">
                  <ShieldAlert size={13} aria-hidden /> Likely secrets — these files are left out
                </p>
                <ul className="space-y-1">
                  {[...new Set(plan.findings.map((f) => f.path))].map((path) => {
                    const found = plan.findings.filter((f) => f.path === path);
                    const env = found.some((f) => f.kind === "environment file");
                    const on = env ? includeGroups.has(path) : includeSecrets.has(path);
                    return (
                      <li key={path} className="flex items-start gap-2">
                        <input
                          type="checkbox"
                          aria-label={`Include ${path} anyway`}
                          checked={on}
                          data-testid={`share-secret-include-${path}`}
                          onChange={(e) => (env ? setIncludeGroups(toggle(includeGroups, path, e.target.checked)) : setIncludeSecrets(toggle(includeSecrets, path, e.target.checked)))}
                        />
                        <span>
                          <span className="font-mono">{path}</span>
                          <span className="text-muted"> — {found.map((f) => (f.line ? `${f.kind} on line ${f.line}${f.preview ? ` (${f.preview})` : ""}` : f.kind)).join("; ")}</span>
                          {on && <span className="text-danger"> · will be sent</span>}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </section>
            )}
            {plan && plan.excludedGroups.length > 0 && (
              <section className="rounded border border-border p-2" data-testid="share-excluded">
                <p className="mb-1.5 font-medium">Not sent (tick to include)</p>
                <ul className="space-y-1">
                  {plan.excludedGroups.map((g) => (
                    <li key={g.group} className="flex items-center gap-2">
                      <input type="checkbox" aria-label={`Include ${g.group}`} checked={includeGroups.has(g.group)} onChange={(e) => setIncludeGroups(toggle(includeGroups, g.group, e.target.checked))} />
                      <span className="font-mono">{g.group}/</span>
                      <span className="text-muted">
                        {g.count} file{g.count === 1 ? "" : "s"} — {REASON_TEXT[g.reason]}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {drafts > 0 && (
              <p className="flex items-center gap-1.5 text-warn">
                <AlertTriangle size={13} aria-hidden /> {drafts} file{drafts === 1 ? " has" : "s have"} unsaved edits; the share has the saved version.
              </p>
            )}
            {error && (
              <p role="alert" className="rounded bg-danger/10 p-2 text-danger" data-testid="share-error">
                {error}
              </p>
            )}
            <Footer>
              <span className="mr-auto text-muted" data-testid="share-summary">
                {plan ? `${plan.files.length} files · ${formatBytes(plan.bytes)}` : ""}
              </span>
              <button type="button" className={secondary} onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className={primary} disabled={phase.kind === "busy" || !plan || plan.files.length === 0} data-testid="share-publish">
                {phase.kind === "busy" ? (
                  <span className="inline-flex items-center gap-1.5">
                    <Loader2 size={12} className="animate-spin" aria-hidden /> {phase.what}
                  </span>
                ) : existing ? (
                  `Publish version ${existing.latestVersion + 1}`
                ) : cloud ? (
                  "Save to cloud"
                ) : (
                  "Publish"
                )}
              </button>
            </Footer>
          </form>
        )}
      </div>
    </Dialog>
  );
}

const input = "w-full rounded border border-border bg-surface px-2 py-1 text-xs text-fg focus:border-accent focus:outline-none";
const primary = "rounded bg-accent px-3 py-1.5 text-xs font-medium text-accent-fg disabled:opacity-50";
const secondary = "rounded border border-border px-2.5 py-1 text-xs hover:bg-surface-3";

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block">
      <span className="mb-1 block text-muted">{label}</span>
      {children}
    </label>
  );
}

function Footer({ children }: { children: React.ReactNode }) {
  return <div className="flex items-center justify-end gap-2 border-t border-border pt-3">{children}</div>;
}
