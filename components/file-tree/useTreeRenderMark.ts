"use client";
import { useEffect, useRef } from "react";

/**
 * Records how long the tree took from its first render to the first frame painted with it, as the performance
 * measure "tandem:tree-render" (bench/tree-render.mjs reads it). Costs one mark per mount.
 */
export function useTreeRenderMark(fileCount: number): void {
  const start = useRef<number | null>(null);
  if (start.current === null && typeof performance !== "undefined") start.current = performance.now();
  useEffect(() => {
    const began = start.current;
    if (began === null) return;
    const frame = requestAnimationFrame(() =>
      // The second frame callback runs after the first paint of the tree.
      setTimeout(() => performance.measure("tandem:tree-render", { start: began, end: performance.now(), detail: { fileCount } }), 0),
    );
    return () => cancelAnimationFrame(frame);
    // Only the first mount is measured.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
