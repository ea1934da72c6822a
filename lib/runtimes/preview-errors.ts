// Console errors and uncaught exceptions from the preview of the open project (cleared when another opens): the preview shows a badge and a
// list, and the assistant can read them. A plain vanilla store, so lib code (the agent) can use it without React.
import { createStore } from "zustand/vanilla";
import { z } from "zod";

/** Preview page → IDE (console errors and uncaught exceptions, collected for the person and the assistant). */
export const previewMessageSchema = z.object({
  __tandemPreview: z.literal(true),
  kind: z.enum(["error", "unhandledrejection", "console.error", "console.warn", "resource"]),
  message: z.string().max(10_000),
  source: z.string().max(2048).optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  stack: z.string().max(20_000).optional(),
});
export type PreviewMessage = z.infer<typeof previewMessageSchema>;

/** Preview page → IDE: the page now shown (after a link, back/forward), for the address bar and reloads. */
export const previewLocationSchema = z.object({
  __tandemPreview: z.literal(true),
  kind: z.literal("location"),
  path: z.string().startsWith("/").max(2048),
});

/** Preview page → IDE: the server no longer has this preview's files (see sandbox-server/preview-pages.ts). */
export const previewExpiredSchema = z.object({ __tandemPreview: z.literal(true), kind: z.literal("expired") });

export interface PreviewError extends Omit<PreviewMessage, "__tandemPreview"> {
  id: number;
  at: number;
}

interface PreviewErrorState {
  errors: PreviewError[];
  add(message: PreviewMessage): void;
  clear(): void;
}

const MAX = 200;
let next = 1;

export const previewErrors = createStore<PreviewErrorState>((set) => ({
  errors: [],
  add: (message) => {
    const { __tandemPreview: _tag, ...rest } = message;
    void _tag;
    set((s) => ({ errors: [...s.errors, { ...rest, id: next++, at: Date.now() }].slice(-MAX) }));
  },
  clear: () => set({ errors: [] }),
}));

/** Plain-text summary for the assistant: the latest errors, newest last. */
export function describePreviewErrors(limit = 20): string {
  const errors = previewErrors.getState().errors.slice(-limit);
  if (errors.length === 0) return "No errors from the preview.";
  return errors.map((e) => `[${e.kind}] ${e.message}${e.source ? ` (${e.source}:${e.line ?? "?"})` : ""}`).join("\n");
}
