"use client";
// The composer's @-mention state: which `@query` the caret is in, the picker's results and active row, and picking or
// removing a mention. The pure parts live in lib/agent/client/mentions.ts; this is the thin React adapter.
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type RefObject } from "react";
import { findMentionQuery, insertMention, mentionCandidates, mentionedPaths, removeMention } from "@/lib/agent/client/mentions";
import type { Project } from "@/lib/project";
import type { RankedPath } from "@/lib/search/quick-open";

export interface Mentions {
  open: boolean;
  query: string;
  results: RankedPath[];
  active: number;
  listboxId: string;
  optionId: (index: number) => string;
  setActive: (index: number) => void;
  pick: (path: string) => void;
  /** Files whose `@path` is in the text now: they go with the message. */
  mentioned: string[];
  /** Paths chosen in the picker (for names with spaces, which a plain scan would cut short). */
  picked: string[];
  remove: (path: string) => void;
  /** Call with the textarea's caret after every change or caret move. */
  trackCaret: (caret: number) => void;
  /** Handles the picker's keys; returns true when it took the key (the composer must then ignore it). */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Forget picked paths (after sending). */
  reset: () => void;
}

export function useMentions(project: Project, text: string, setText: (text: string) => void, input: RefObject<HTMLTextAreaElement | null>, enabled: boolean): Mentions {
  const version = useSyncExternalStore(
    (listener) => project.subscribe(listener),
    () => project.seq,
    () => project.seq,
  );
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);
  // Escape closes the picker for this one `@` (by its position) until the caret leaves it.
  const [dismissed, setDismissed] = useState<number | null>(null);
  // The active row belongs to one query: typing more starts again at the best match.
  const [activeFor, setActiveFor] = useState({ query: "", index: 0 });
  const caretToSet = useRef<number | null>(null);
  const baseId = useId();

  const query = enabled ? findMentionQuery(text, caret) : null;
  const open = query !== null && query.start !== dismissed;
  const queryText = query?.query ?? "";
  const results = useMemo(() => (open ? mentionCandidates(project, queryText, 8) : []), [open, queryText, project, version]);
  const active = activeFor.query === queryText ? Math.min(activeFor.index, Math.max(0, results.length - 1)) : 0;

  useEffect(() => {
    if (query === null && dismissed !== null) setDismissed(null);
  }, [query, dismissed]);

  // After a pick the text changes under the caret: put the caret after the inserted mention.
  useLayoutEffect(() => {
    const at = caretToSet.current;
    const el = input.current;
    if (at === null || !el) return;
    caretToSet.current = null;
    el.focus();
    el.setSelectionRange(at, at);
  }, [text, input]);

  const setActive = (index: number) => setActiveFor({ query: queryText, index });
  const pick = (path: string) => {
    if (!query) return;
    const next = insertMention(text, query, path);
    caretToSet.current = next.caret;
    setCaret(next.caret);
    setPicked((list) => (list.includes(path) ? list : [...list, path]));
    setText(next.text);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const count = results.length;
    if (event.key === "Escape") {
      setDismissed(query.start);
      // The picker closes; nothing else (a dialog, the panel) should react to this Escape.
      event.stopPropagation();
    } else if (count > 0 && event.key === "ArrowDown") setActive((active + 1) % count);
    else if (count > 0 && event.key === "ArrowUp") setActive((active - 1 + count) % count);
    else if (count > 0 && (event.key === "Enter" || event.key === "Tab") && !event.shiftKey) pick(results[active]!.path);
    else return false;
    event.preventDefault();
    return true;
  };

  const mentioned = useMemo(() => mentionedPaths(text, project, picked), [text, project, picked, version]);

  return {
    open,
    query: queryText,
    results,
    active,
    listboxId: `${baseId}-mentions`,
    optionId: (index) => `${baseId}-mention-${index}`,
    setActive,
    pick,
    mentioned,
    picked,
    remove: (path) => {
      setText(removeMention(text, path));
      setPicked((list) => list.filter((p) => p !== path));
    },
    trackCaret: setCaret,
    onKeyDown,
    reset: () => setPicked([]),
  };
}
