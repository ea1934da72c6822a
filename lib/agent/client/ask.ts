// "Ask about this" from anywhere in the IDE (the editor's selection, a terminal error, a problem): other panels call
// askAssistant(); the assistant panel puts the question in its composer with the context attached, for the person to
// finish and send. Panels talk through this store, never to each other.
import { createStore } from "zustand/vanilla";
import type { ContextData } from "../protocol";

export interface AskRequest {
  /** Text to prefill the composer with (the person can edit it). */
  prompt: string;
  context: ContextData[];
  nonce: number;
}

export const askStore = createStore<{ pending: AskRequest | null }>(() => ({ pending: null }));

export function askAssistant(prompt: string, context: ContextData[] = []): void {
  askStore.setState({ pending: { prompt, context, nonce: Date.now() } });
}

/** The editor's "Ask about selection": the selected code becomes context, shown as a chip. */
export function askAboutSelection(path: string, startLine: number, endLine: number, text: string): void {
  const label = `${path}:${startLine}${endLine !== startLine ? `-${endLine}` : ""}`;
  askAssistant("", [{ label, text: `<selection path="${path}" lines="${startLine}-${endLine}">\n${text.slice(0, 20_000)}\n</selection>` }]);
}

export function takeAsk(): AskRequest | null {
  const { pending } = askStore.getState();
  if (pending) askStore.setState({ pending: null });
  return pending;
}
