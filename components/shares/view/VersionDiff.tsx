"use client";
// Monaco's diff editor for one file of two versions (loaded only through next/dynamic, like the editor itself).
import { useEffect, useRef } from "react";
import { configureMonaco, themeForDocument } from "@/components/editor/monaco/monaco";

export default function VersionDiff({ path, before, after }: { path: string; before: string; after: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const monaco = configureMonaco();
    const uri = (side: string) => monaco.Uri.from({ scheme: "tandem-compare", path: `/${side}/${path}` });
    const original = monaco.editor.createModel(before, undefined, uri("before"));
    const modified = monaco.editor.createModel(after, undefined, uri("after"));
    const diff = monaco.editor.createDiffEditor(element, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      theme: themeForDocument(),
      fontSize: 12,
    });
    diff.setModel({ original, modified });
    return () => {
      diff.setModel(null);
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [path, before, after]);
  return <div ref={host} className="h-full w-full" data-testid="version-diff" />;
}
