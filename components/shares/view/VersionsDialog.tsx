"use client";
// A share's versions: each with its message and time, open any, and compare two file by file in Monaco's diff editor.
import Link from "next/link";
import dynamic from "next/dynamic";
import { Loader2 } from "lucide-react";
import { useEffect, useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { compareFiles, type FileChange } from "@/lib/shares/client/compare";
import { readShare } from "@/lib/shares/client/prefetch";
import type { ShareInfo } from "@/lib/shares/protocol";
import { formatBytes } from "@/lib/workspace/file-kind";
import { relativeTime } from "./time";

const VersionDiff = dynamic(() => import("./VersionDiff"), { ssr: false, loading: () => <p className="p-3 text-xs text-muted">Loading the diff editor…</p> });

interface Props {
  open: boolean;
  onClose: () => void;
  info: ShareInfo;
  current: number;
  keyText?: string | undefined;
  ownerSecret?: string | undefined;
}

export function VersionsDialog({ open, onClose, info, current, keyText, ownerSecret }: Props) {
  const numbers = info.versions.map((v) => v.number);
  const [a, setA] = useState(numbers.length > 1 ? numbers.at(-2)! : current);
  const [b, setB] = useState(numbers.at(-1) ?? current);
  const [changes, setChanges] = useState<FileChange[] | null>(null);
  const [selected, setSelected] = useState<FileChange | null>(null);
  const [state, setState] = useState<"idle" | "loading" | string>("idle");
  const fragment = keyText ? `#key=${keyText}` : "";

  useEffect(() => {
    setChanges(null);
    setSelected(null);
  }, [a, b]);

  const compare = async () => {
    setState("loading");
    try {
      const options = { ...(keyText ? { keyText } : {}), ...(ownerSecret ? { ownerSecret } : {}) };
      const [before, after] = await Promise.all([readShare(info.id, a, options).version, readShare(info.id, b, options).version]);
      const list = compareFiles(before.files, after.files);
      setChanges(list);
      setSelected(list[0] ?? null);
      setState("idle");
    } catch (error) {
      setState(error instanceof Error ? error.message : String(error));
    }
  };

  const text = (c: FileChange["before"]) => (c === null ? "" : typeof c === "string" ? c : `(binary, ${formatBytes(c.byteLength)})`);
  return (
    <Dialog open={open} onClose={onClose} label="Versions" testId="versions-dialog" className="w-[min(1000px,96vw)]">
      <div className="flex max-h-[88vh] flex-col gap-3 p-4 text-xs">
        <h2 className="text-sm font-semibold">Versions</h2>
        <ol className="max-h-48 space-y-1 overflow-y-auto" data-testid="versions-list">
          {[...info.versions].reverse().map((v) => (
            <li key={v.number} className={`flex items-center gap-3 rounded px-2 py-1 ${v.number === current ? "bg-accent/10" : ""}`}>
              <span className="w-8 font-medium">v{v.number}</span>
              <span className="min-w-0 flex-1 truncate">{v.message || <span className="text-muted">no message</span>}</span>
              <span className="text-muted">{relativeTime(v.createdAt)}</span>
              <span className="w-24 text-right text-muted">{v.fileCount !== null ? `${v.fileCount} files · ` : ""}{formatBytes(v.bytes)}</span>
              {v.number === current ? <span className="w-10 text-muted">open</span> : <Link className="w-10 text-accent underline" href={`/s/${info.id}/v/${v.number}${fragment}`} data-testid={`versions-open-${v.number}`}>Open</Link>}
            </li>
          ))}
        </ol>
        {numbers.length > 1 && (
          <div className="flex items-center gap-2 border-t border-border pt-3">
            Compare
            <select value={a} onChange={(e) => setA(Number(e.target.value))} data-testid="compare-a" className="rounded border border-border bg-surface px-1 py-0.5">
              {numbers.map((n) => <option key={n} value={n}>v{n}</option>)}
            </select>
            with
            <select value={b} onChange={(e) => setB(Number(e.target.value))} data-testid="compare-b" className="rounded border border-border bg-surface px-1 py-0.5">
              {numbers.map((n) => <option key={n} value={n}>v{n}</option>)}
            </select>
            <button type="button" onClick={() => void compare()} data-testid="compare-run" className="rounded bg-accent px-2.5 py-1 font-medium text-accent-fg">
              {state === "loading" ? <Loader2 size={12} className="animate-spin" aria-label="Comparing" /> : "Compare"}
            </button>
            {state !== "idle" && state !== "loading" && <span role="alert" className="text-danger">{state}</span>}
          </div>
        )}
        {changes && (
          <div className="flex min-h-0 gap-2" style={{ height: "50vh" }}>
            <ul className="w-56 shrink-0 overflow-y-auto" data-testid="compare-files">
              {changes.length === 0 && <li className="text-muted">The two versions have the same files.</li>}
              {changes.map((c) => (
                <li key={c.path}>
                  <button type="button" onClick={() => setSelected(c)} className={`w-full truncate rounded px-2 py-0.5 text-left ${selected?.path === c.path ? "bg-surface-3" : "hover:bg-surface-2"}`}>
                    <span className={c.status === "added" ? "text-ok" : c.status === "removed" ? "text-danger" : "text-warn"}>{c.status === "added" ? "A" : c.status === "removed" ? "D" : "M"}</span> {c.path}
                  </button>
                </li>
              ))}
            </ul>
            <div className="min-w-0 flex-1 rounded border border-border">{selected && <VersionDiff path={selected.path} before={text(selected.before)} after={text(selected.after)} />}</div>
          </div>
        )}
      </div>
    </Dialog>
  );
}
