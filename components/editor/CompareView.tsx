"use client";
// Side by side: the project's current text ("theirs", read-only) and the unsaved buffer ("mine", editable), so a
// person can see what changed under them before choosing.
import { useEffect, useRef } from "react";
import type { Project } from "@/lib/project";
import type { Monaco } from "./monaco/monaco";
import { themeForDocument } from "./monaco/monaco";

type TextModel = ReturnType<Monaco["editor"]["createModel"]>;

export function CompareView({ monaco, project, path, mine }: { monaco: Monaco; project: Project; path: string; mine: TextModel | null }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || !mine) return;
    const node = project.read(path);
    const theirsText = node.ok && typeof node.value.content === "string" ? node.value.content : "";
    const theirs = monaco.editor.createModel(theirsText, mine.getLanguageId());
    const diff = monaco.editor.createDiffEditor(element, {
      automaticLayout: true,
      originalEditable: false,
      readOnly: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false, // the header names the two sides
      theme: themeForDocument(),
      fontSize: 13,
    });
    diff.setModel({ original: theirs, modified: mine });
    const unsubscribe = project.subscribe((event) => {
      if (event.op.type === "write" && event.op.path === path && typeof event.op.content === "string") theirs.setValue(event.op.content);
    });
    return () => {
      unsubscribe();
      diff.setModel(null);
      diff.dispose();
      theirs.dispose();
    };
  }, [monaco, project, path, mine]);
  return (
    <div className="absolute inset-0 flex flex-col" data-testid="compare-view">
      <div className="flex h-6 shrink-0 text-[11px] text-muted">
        <span className="flex-1 px-3 leading-6">Theirs — the project now</span>
        <span className="flex-1 px-3 leading-6">Mine — your unsaved edits</span>
      </div>
      <div ref={host} className="min-h-0 flex-1" />
    </div>
  );
}
