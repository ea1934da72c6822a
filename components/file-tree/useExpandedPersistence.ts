"use client";
// Remembers which folders are open, per project, so a reload puts the tree back as it was.
import { useEffect, useRef } from "react";
import { z } from "zod";
import { loadUiState, saveUiState } from "@/lib/persistence/projects";

const KEY = "file-tree";
const savedSchema = z.object({ version: z.literal(1), expanded: z.array(z.string()).max(20_000) });

export function useExpandedPersistence(
  projectId: string,
  expanded: ReadonlySet<string>,
  restore: (expanded: ReadonlySet<string>) => void,
): void {
  const loaded = useRef(false);

  useEffect(() => {
    let cancelled = false;
    void loadUiState<unknown>(projectId, KEY)
      .catch(() => undefined)
      .then((value) => {
        if (cancelled) return;
        const parsed = savedSchema.safeParse(value);
        if (parsed.success && parsed.data.expanded.length > 0) restore(new Set(parsed.data.expanded));
        loaded.current = true;
      });
    return () => {
      cancelled = true;
    };
    // Load once per project.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [projectId]);

  useEffect(() => {
    if (!loaded.current) return;
    const timer = setTimeout(() => {
      void saveUiState(projectId, KEY, { version: 1, expanded: [...expanded] }).catch(() => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [projectId, expanded]);
}
