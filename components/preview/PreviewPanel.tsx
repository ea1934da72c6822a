"use client";
// Live preview of the project: the dev server (WebContainer) or the static site served from the project (offline
// runtime). URL bar, reload, open in a new tab, device widths; reloads after file changes; collects the page's console
// errors and uncaught exceptions (badge + list) for the person and the assistant.
import { ExternalLink, RotateCw, Trash2 } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import { previewErrors } from "@/lib/runtimes/preview-errors";
import { PREVIEW_FRAME_SANDBOX, previewFrameMessage } from "@/lib/runtimes/preview-frame";
import type { RuntimeEvent } from "@/lib/runtimes/types";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { useProjectRuntime } from "@/components/terminal/runtime-hooks";

const DEVICES = [
  { id: "full", label: "Full width", width: null },
  { id: "mobile", label: "Mobile 375", width: 375 },
  { id: "tablet", label: "Tablet 768", width: 768 },
  { id: "desktop", label: "Desktop 1280", width: 1280 },
] as const;

export function PreviewPanel() {
  const { project, projectId } = useWorkspace();
  const runtime = useProjectRuntime();
  const previews = useSyncExternalStore(
    (l) => runtime?.subscribe((e: RuntimeEvent) => e.type === "preview" && l()) ?? (() => undefined),
    () => runtime?.previews() ?? EMPTY,
    () => EMPTY,
  );
  const base = previews[0]?.url;
  const [path, setPath] = useState("/");
  const [draft, setDraft] = useState("/");
  const [nonce, setNonce] = useState(0);
  const [device, setDevice] = useState<(typeof DEVICES)[number]["id"]>("full");
  const [showErrors, setShowErrors] = useState(false);
  const errors = useStore(previewErrors, (s) => s.errors);
  const frame = useRef<HTMLIFrameElement>(null);
  // The page the frame shows now (it reports it after each navigation); reloads go back to it, not to `path`.
  const shown = useRef("/");
  const reload = () => {
    setPath(shown.current);
    setNonce((n) => n + 1);
  };

  // The list belongs to the open project.
  useEffect(() => previewErrors.getState().clear(), [projectId]);

  // Reload shortly after files change, so a save shows up without a click.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = project.subscribe(() => {
      clearTimeout(timer);
      timer = setTimeout(reload, 250);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [project]);

  // A preview (re)announced — after the runtime uploaded the files again, possibly at a new URL — is reloaded.
  useEffect(() => runtime?.subscribe((e: RuntimeEvent) => e.type === "preview" && reload()), [runtime]);

  // Messages from the preview page (the project's code, on the preview's own origin): only from the frame made here.
  useEffect(() => {
    if (!base) return;
    const onMessage = (e: MessageEvent) => {
      const message = previewFrameMessage(e, frame.current?.contentWindow, base);
      if (!message) return;
      if (message.kind === "location") {
        shown.current = message.path;
        setDraft(message.path);
      } else if (message.kind === "expired") runtime?.restorePreview?.();
      else previewErrors.getState().add(message.message);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [base, runtime]);

  const src = base ? pageUrl(base, path) : undefined;
  const width = DEVICES.find((d) => d.id === device)?.width ?? null;

  return (
    <div className="flex h-full flex-col" data-testid="preview-panel">
      <form
        className="flex h-8 shrink-0 items-center gap-1 border-b border-border px-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          const next = draft.trim() || "/";
          shown.current = next.startsWith("/") ? next : `/${next}`;
          reload();
        }}
      >
        <button type="button" title="Reload" aria-label="Reload preview" data-testid="preview-reload" className="rounded p-1 text-muted hover:text-fg" onClick={reload}>
          <RotateCw size={13} aria-hidden />
        </button>
        <input
          aria-label="Preview address"
          data-testid="preview-url"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          className="min-w-0 flex-1 rounded border border-border bg-surface px-2 py-0.5 font-mono text-[11px]"
          disabled={!base}
        />
        <select aria-label="Device width" data-testid="preview-device" value={device} onChange={(e) => setDevice(e.target.value as typeof device)} className="rounded border border-border bg-surface px-1 py-0.5 text-[11px]">
          {DEVICES.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          title="Open in a new tab"
          aria-label="Open preview in a new tab"
          className="rounded p-1 text-muted hover:text-fg disabled:opacity-40"
          disabled={!src}
          onClick={() => base && window.open(pageUrl(base, shown.current), "_blank", "noopener")}
        >
          <ExternalLink size={13} aria-hidden />
        </button>
        <button
          type="button"
          data-testid="preview-errors-toggle"
          aria-expanded={showErrors}
          onClick={() => setShowErrors((v) => !v)}
          className={`rounded px-1.5 py-0.5 text-[11px] ${errors.length ? "bg-danger/15 text-danger" : "text-muted"}`}
        >
          Errors <span data-testid="preview-error-count">{errors.length}</span>
        </button>
      </form>
      <div className="relative flex min-h-0 flex-1">
        <div className="flex min-h-0 flex-1 justify-center overflow-auto bg-surface-2">
          {src ? (
            <iframe
              key={nonce}
              ref={frame}
              src={src}
              sandbox={PREVIEW_FRAME_SANDBOX}
              title="Preview"
              data-testid="preview-frame"
              className="h-full border-0 bg-white"
              style={{ width: width ? `${width}px` : "100%" }}
            />
          ) : (
            <p className="p-3 text-xs text-muted" data-testid="preview-empty">
              {runtime ? "Waiting for the runtime to serve the project…" : "Starting the runtime…"}
            </p>
          )}
        </div>
        {showErrors && (
          <aside className="w-80 shrink-0 overflow-auto border-l border-border bg-surface p-2 text-[11px]" data-testid="preview-errors" aria-label="Preview errors">
            <div className="mb-1 flex items-center justify-between">
              <span className="font-medium">Console errors</span>
              <button type="button" aria-label="Clear errors" className="text-muted hover:text-fg" onClick={() => previewErrors.getState().clear()}>
                <Trash2 size={12} aria-hidden />
              </button>
            </div>
            {errors.length === 0 && <p className="text-muted">No errors.</p>}
            <ul className="space-y-1">
              {errors.map((e) => (
                <li key={e.id} className="rounded bg-danger/10 p-1 font-mono text-danger">
                  {e.message}
                  {e.source && <span className="block text-muted">{e.line ? `${e.source}:${e.line}` : e.source}</span>}
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </div>
  );
}

const EMPTY: Array<{ port: number; url: string }> = [];

/** A page of the preview: its path under the runtime's preview URL. */
function pageUrl(base: string, path: string): string {
  return `${base.replace(/\/$/, "")}${path.startsWith("/") ? path : `/${path}`}`;
}
