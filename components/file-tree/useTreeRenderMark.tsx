"use client";
import { useEffect, useRef, type ReactElement } from "react";

/**
 * Measures the tree's first mount for bench/tree-render.bench.mjs, as two performance measures:
 * - "tandem:tree-render": from the start of FileTreePanel's render to the end of rendering its last child — the
 *   tree's own work (folder index, visible rows, the virtualized window), without the panels rendered beside it;
 * - "tandem:tree-paint": from the same start to the first frame after the commit (includes the whole workspace's
 *   commit, so it is context, not the tree's cost).
 * Place the returned element as the panel's last child. Costs two marks per mount.
 */
export function useTreeRenderMark(fileCount: number): ReactElement {
  const times = useRef<{ start: number; end: number | null } | null>(null);
  if (times.current === null && typeof performance !== "undefined") times.current = { start: performance.now(), end: null };
  useEffect(() => {
    const t = times.current;
    if (!t || t.end === null) return;
    const detail = { fileCount };
    performance.measure("tandem:tree-render", { start: t.start, end: t.end, detail });
    const frame = requestAnimationFrame(() =>
      setTimeout(() => performance.measure("tandem:tree-paint", { start: t.start, end: performance.now(), detail }), 0),
    );
    return () => cancelAnimationFrame(frame);
    // Only the first mount is measured.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <RenderEnd times={times} />;
}

function RenderEnd({ times }: { times: { current: { start: number; end: number | null } | null } }) {
  // Rendered last inside the panel, so everything before it in the tree has rendered by now.
  if (times.current && times.current.end === null) times.current.end = performance.now();
  return null;
}
