// "Ask about this" from anywhere in the IDE (the editor's selection, a terminal error, a problem): other panels call
// askAssistant(); the assistant panel puts the question in its composer with the context attached, for the person to
// finish and send. Panels talk through this store, never to each other.
import { createStore } from "zustand/vanilla";
import type { ContextData } from "../protocol";
import { capForContext, escapeAttribute } from "./mentions";

export interface AskRequest {
  /** Text to prefill the composer with (the person can edit it). */
  prompt: string;
  context: ContextData[];
  nonce: number;
}

/** `pending` waits for the composer to take it; `asks` only counts up, so the workspace can reveal a hidden panel
 * even when the composer took the request first. */
export const askStore = createStore<{ pending: AskRequest | null; asks: number }>(() => ({ pending: null, asks: 0 }));

export function askAssistant(prompt: string, context: ContextData[] = []): void {
  askStore.setState((s) => ({ pending: { prompt, context, nonce: Date.now() }, asks: s.asks + 1 }));
}

/** The editor's "Ask about selection": the selected code becomes context, shown as a chip. */
export function askAboutSelection(path: string, startLine: number, endLine: number, text: string): void {
  askAssistant("", [selectionContext(path, startLine, endLine, text)]);
}

export function selectionContext(path: string, startLine: number, endLine: number, text: string): ContextData {
  const label = `${path}:${startLine}${endLine !== startLine ? `-${endLine}` : ""}`;
  return { label, text: `<selection path="${escapeAttribute(path)}" lines="${startLine}-${endLine}">\n${capForContext(text)}\n</selection>` };
}

/** An editor selection, 1-based like Monaco's. */
export interface EditorSelection {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * The lines to ask about: the cursor's line when nothing is selected (`wholeLine`), else the selection's lines — minus
 * a last line the selection only touches at column 1, as when whole lines are selected with Shift+Down.
 */
export function selectionLines(sel: EditorSelection): { startLine: number; endLine: number; wholeLine: boolean } {
  const empty = sel.startLine === sel.endLine && sel.startColumn === sel.endColumn;
  if (empty) return { startLine: sel.startLine, endLine: sel.startLine, wholeLine: true };
  const endLine = sel.endColumn === 1 && sel.endLine > sel.startLine ? sel.endLine - 1 : sel.endLine;
  return { startLine: sel.startLine, endLine, wholeLine: false };
}

export function takeAsk(): AskRequest | null {
  const { pending } = askStore.getState();
  if (pending) askStore.setState({ pending: null });
  return pending;
}
