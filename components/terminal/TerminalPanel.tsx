"use client";
// Terminal tabs on the project's active runtime. Each tab is its own shell session; closing the last one opens a
// fresh one so the panel is never empty.
import dynamic from "next/dynamic";
import { Plus, X } from "lucide-react";
import { useState } from "react";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { useProjectRuntime, useRuntimeStatus } from "./runtime-hooks";

// xterm touches the DOM on import; keep it out of the server render.
const XtermView = dynamic(() => import("./XtermView").then((m) => m.XtermView), { ssr: false });

let nextTab = 1;

export function TerminalPanel() {
  const { project } = useWorkspace();
  const runtime = useProjectRuntime();
  const status = useRuntimeStatus();
  const [tabs, setTabs] = useState<number[]>(() => [nextTab++]);
  const [active, setActive] = useState<number>(() => tabs[0] ?? 1);
  const [initialTab] = useState(active);

  const add = () => {
    const id = nextTab++;
    setTabs((t) => [...t, id]);
    setActive(id);
  };
  const close = (id: number) => {
    setTabs((t) => {
      const rest = t.filter((x) => x !== id);
      if (rest.length === 0) {
        const fresh = nextTab++;
        setActive(fresh);
        return [fresh];
      }
      if (id === active) setActive(rest[rest.length - 1] as number);
      return rest;
    });
  };

  return (
    <div className="flex h-full flex-col" data-testid="terminal-panel">
      <div className="flex h-7 shrink-0 items-center gap-1 border-b border-border px-2 text-[11px]" role="tablist" aria-label="Terminals">
        {tabs.map((id, i) => (
          <span key={id} className={`flex items-center rounded ${id === active ? "bg-surface-3 text-fg" : "text-muted"}`}>
            <button type="button" role="tab" aria-selected={id === active} className="px-2 py-0.5" data-testid={`terminal-tab-${i}`} onClick={() => setActive(id)}>
              Terminal {i + 1}
            </button>
            <button type="button" aria-label={`Close terminal ${i + 1}`} className="pr-1 hover:text-fg" onClick={() => close(id)}>
              <X size={11} aria-hidden />
            </button>
          </span>
        ))}
        <button type="button" aria-label="New terminal" title="New terminal" data-testid="terminal-new" className="rounded p-1 text-muted hover:text-fg" onClick={add}>
          <Plus size={12} aria-hidden />
        </button>
      </div>
      <div className="relative min-h-0 flex-1">
        {!runtime && (
          <p className="p-3 text-xs text-muted" data-testid="terminal-waiting">
            {status?.progress.message ?? "Starting the runtime…"}
          </p>
        )}
        {runtime && tabs.map((id) => <XtermView key={id} runtime={runtime} project={project} visible={id === active} autoFocus={id !== initialTab} onExit={() => close(id)} />)}
      </div>
    </div>
  );
}
