"use client";
import { useStore } from "zustand";
import { ProblemsPanel } from "@/components/editor/ProblemsPanel";
import { PreviewPanel } from "@/components/preview/PreviewPanel";
import { TerminalPanel } from "@/components/terminal/TerminalPanel";
import { editorStore, selectProblemSummary } from "@/lib/workspace/editor-store";
import { commandStore, useBottomTab, type BottomTab } from "./command-store";

const TABS: Array<{ id: BottomTab; label: string }> = [
  { id: "terminal", label: "Terminal" },
  { id: "preview", label: "Preview" },
  { id: "problems", label: "Problems" },
];

/** Terminal, preview and problems under the editor. Panels stay mounted when hidden so terminals keep running. */
export function BottomPanel() {
  const active = useBottomTab();
  const summary = useStore(editorStore, selectProblemSummary);
  return (
    <section className="flex h-full flex-col bg-surface" aria-label="Bottom panel">
      <div role="tablist" aria-label="Bottom panel" className="flex h-9 shrink-0 items-center gap-1 border-b border-border px-2">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            type="button"
            id={`bottom-tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`bottom-panel-${tab.id}`}
            data-testid={`bottom-tab-${tab.id}`}
            onClick={() => commandStore.getState().showBottom(tab.id)}
            className={`rounded px-2.5 py-1 text-xs font-medium ${active === tab.id ? "bg-surface-3 text-fg" : "text-muted hover:text-fg"}`}
          >
            {tab.label}
            {tab.id === "problems" && summary.errors + summary.warnings > 0 && (
              <span className="ml-1.5 rounded-full bg-danger/15 px-1.5 text-[10px] text-danger">{summary.errors + summary.warnings}</span>
            )}
          </button>
        ))}
      </div>
      {TABS.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`bottom-panel-${tab.id}`}
          aria-labelledby={`bottom-tab-${tab.id}`}
          hidden={active !== tab.id}
          className="min-h-0 flex-1"
        >
          {tab.id === "terminal" && <TerminalPanel />}
          {tab.id === "preview" && <PreviewPanel />}
          {tab.id === "problems" && <ProblemsPanel />}
        </div>
      ))}
    </section>
  );
}
