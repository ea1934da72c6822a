// Console errors and uncaught exceptions from the preview, collected per project: the preview shows a badge and a
// list, and the assistant can read them. A plain vanilla store, so lib code (the agent) can use it without React.
import { createStore } from "zustand/vanilla";
import type { PreviewMessage } from "./offline/protocol";

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
