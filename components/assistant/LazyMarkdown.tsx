"use client";
// The Markdown renderer (react-markdown + highlight.js, ~800 KB of script) is not needed to show the workspace, and
// parsing it delayed the editor: it loads on its own, in idle time after the workspace is up or when the first
// message needs it. Until then text shows as plain, wrapped text.
import { lazy, memo, Suspense } from "react";
import { whenEditorMounted } from "@/components/editor/editor-handle";

const load = () => import("./Markdown");
const Markdown = lazy(() => load().then((m) => ({ default: m.Markdown })));

/**
 * Starts loading the renderer once the editor is up and the browser is idle (called once the assistant panel is on
 * screen). Idle time alone came while Monaco was still downloading, and parsing this then delayed the editor.
 */
export function preloadMarkdown(): void {
  const start = () => void load();
  void whenEditorMounted(3_000).then(() => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(start, { timeout: 5_000 });
    else setTimeout(start, 1_000);
  });
}

/** Memoized: a finished answer is not parsed again when a later part of its message changes. */
export const LazyMarkdown = memo(function LazyMarkdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="whitespace-pre-wrap text-sm leading-relaxed">{text}</div>}>
      <Markdown text={text} />
    </Suspense>
  );
});
