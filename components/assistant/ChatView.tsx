"use client";
import { useChat } from "@ai-sdk/react";
import { AlertTriangle, ArrowDown, ArrowUp, MessageSquarePlus, RotateCcw, Settings, Square, Undo2 } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import { useStickToBottom } from "use-stick-to-bottom";
import { askStore, takeAsk } from "@/lib/agent/client/ask";
import { buildContext } from "@/lib/agent/client/context";
import type { ContextData } from "@/lib/agent/protocol";
import type { AgentUIMessage } from "@/lib/agent/protocol";
import { contextNearlyFull } from "@/lib/agent/usage";
import { editorStore } from "@/lib/workspace/editor-store";
import type { Project } from "@/lib/project";
import type { AgentSession } from "./agent-session";
import { ContextChips } from "./ContextChips";
import { MentionPicker } from "./MentionPicker";
import { useMentions } from "./useMentions";
import { MessageView } from "./MessageView";
import { UsageLine } from "./UsageLine";

interface Props {
  session: AgentSession;
  project: Project;
  readOnly: boolean;
  /** Shown above the composer when the chat is empty (no-model notice, demo offer). */
  empty?: React.ReactNode;
  /** The demo drives the composer itself. */
  composerDisabled?: string;
  /** Starts a fresh chat (offered when this one no longer fits the model's context window). */
  onNewChat: () => void;
  /** Opens the assistant's settings (offered when the server's key has spent its budget: one's own key goes on). */
  onSettings?: () => void;
}

export function ChatView({ session, project, readOnly, empty, composerDisabled, onNewChat, onSettings }: Props) {
  const { messages, status } = useChat<AgentUIMessage>({ chat: session.chat, throttle: 50 });
  // Only what this view shows: tool activity (updated several times per call) re-renders its card, not the chat.
  const { notice, error, retryAt, restoredTurn, checkpointTurns, session: totals, toolsPending } = useStore(
    session.store,
    useShallow((s) => ({
      notice: s.notice,
      error: s.error,
      retryAt: s.retryAt,
      restoredTurn: s.restoredTurn,
      checkpointTurns: s.checkpointTurns,
      session: s.session,
      toolsPending: Object.values(s.tools).some((t) => t.endedAt === undefined),
    })),
  );
  const busy = status === "submitted" || status === "streaming";
  const contextFull = contextNearlyFull(totals.context);
  // Follows new output while the person is at the bottom; scrolling up stops it ("Jump to latest" brings it back).
  // It measures in a ResizeObserver, after layout: reading scrollHeight on every update forced a layout of the
  // panel on each chunk, in the middle of the tool loop (~2.5 ms a step in a profile).
  const stick = useStickToBottom({ initial: "instant", resize: "instant" });
  const agentsMdSent = useRef<string | null>(null);
  const [text, setText] = useState("");
  // Context handed over by another panel ("Ask about selection"), sent with the next message.
  const [extra, setExtra] = useState<ContextData[]>([]);
  const input = useRef<HTMLTextAreaElement>(null);
  const canType = !readOnly && !composerDisabled;
  const mentions = useMentions(project, text, setText, input, canType);

  useEffect(() => {
    const apply = () => {
      const ask = takeAsk();
      if (!ask) return;
      setExtra((prev) => [...prev, ...ask.context]);
      if (ask.prompt) setText(ask.prompt);
      // After the workspace has revealed this panel (it may have been collapsed).
      requestAnimationFrame(() => input.current?.focus());
    };
    apply();
    return askStore.subscribe(apply);
  }, []);
  useTicker(retryAt !== null);
  // Only a wait a person would notice: between tool steps the request is out for a few ms, and a line flashing in and
  // out on every step was flicker (and a layout of the whole panel each time).
  const waiting = useAfter(status === "submitted", 300);

  const send = () => {
    const value = text.trim();
    if (!value || busy || readOnly || composerDisabled) return;
    const editor = editorStore.getState();
    const context = buildContext({
      project,
      text: value,
      activePath: editor.active,
      ...(editor.active && editor.views[editor.active] ? { cursorLine: editor.views[editor.active]!.line } : {}),
      problems: editor.problems,
      agentsMdSent: agentsMdSent.current,
      picked: mentions.picked,
    });
    agentsMdSent.current = context.agentsMd;
    setText("");
    setExtra([]);
    mentions.reset();
    // Sending is reading the answer: follow it even if the person had scrolled up.
    void stick.scrollToBottom("instant");
    void session.send(value, [...extra, ...context.parts]);
  };

  const restore = useCallback((id: string) => void session.restoreCheckpoint(id), [session]);
  const waitSeconds = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
  let turnId: string | null = null;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="relative flex min-h-0 flex-1 flex-col">
        <div ref={stick.scrollRef} className="min-h-0 flex-1 overflow-y-auto px-3 py-2" data-testid="chat-messages" aria-live="polite">
          <div ref={stick.contentRef}>
            {messages.length === 0 && empty}
            {messages.map((m, i) => {
              if (m.role === "user") turnId = m.id;
              return (
                <MessageView
                  key={m.id}
                  message={m}
                  store={session.store}
                  turnId={turnId}
                  streaming={busy && i === messages.length - 1}
                  canRestore={m.role === "user" && checkpointTurns.includes(m.id) && !busy && !readOnly}
                  onRestore={restore}
                />
              );
            })}
            {waiting && <p className="animate-pulse text-xs text-muted">Waiting for the model…</p>}
            {notice && (
              <p className="my-2 rounded bg-warn/10 px-2 py-1 text-xs text-warn" role="status" data-testid="chat-notice">
                {notice}
              </p>
            )}
            {error && (
              <div className="my-2 rounded border border-danger/40 bg-danger/5 px-2 py-1.5 text-xs" role="alert" data-testid="chat-error" data-code={error.code} data-retry-after={error.retryAfter}>
                <p className="flex items-start gap-1.5 text-danger">
                  <AlertTriangle size={13} className="mt-0.5 shrink-0" aria-hidden />
                  <span>{error.message}</span>
                </p>
                <div className="mt-1 flex items-center gap-2">
                  {error.code === "budget-exceeded" && onSettings ? (
                    // Retrying asks the server's key again; a new message or one's own key is what helps.
                    <button type="button" className="flex items-center gap-1 rounded bg-surface-3 px-2 py-0.5 hover:bg-border" onClick={onSettings} data-testid="error-settings">
                      <Settings size={12} aria-hidden /> Use your own key
                    </button>
                  ) : error.code === "context-full" || error.code === "chat-too-large" || error.code === "chat-forbidden" ? (
                    // Retrying sends the same too-long (or not this browser's) chat again; a new chat is what helps.
                    <button type="button" className="flex items-center gap-1 rounded bg-surface-3 px-2 py-0.5 hover:bg-border" onClick={onNewChat} data-testid="error-new-chat">
                      <MessageSquarePlus size={12} aria-hidden /> New chat
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="flex items-center gap-1 rounded bg-surface-3 px-2 py-0.5 hover:bg-border disabled:opacity-50"
                      disabled={waitSeconds > 0 || busy}
                      onClick={() => void session.retry()}
                      data-testid="retry"
                    >
                      <RotateCcw size={12} aria-hidden /> {waitSeconds > 0 ? `Retry in ${waitSeconds} s` : "Retry"}
                    </button>
                  )}
                  <span className="text-muted">Nothing already applied is lost.</span>
                </div>
              </div>
            )}
          </div>
        </div>
        {!stick.isAtBottom && (
          <button
            type="button"
            className="absolute bottom-2 left-1/2 flex -translate-x-1/2 items-center gap-1 rounded-full border border-border bg-surface-3 px-2.5 py-1 text-xs shadow hover:bg-border"
            onClick={() => void stick.scrollToBottom()}
            data-testid="jump-to-latest"
          >
            <ArrowDown size={12} aria-hidden /> Jump to latest
          </button>
        )}
      </div>
      {restoredTurn && (
        <div className="flex items-center gap-2 border-t border-border bg-surface-3 px-3 py-1 text-xs" role="status" data-testid="restore-banner">
          Files restored to before that message.
          <button type="button" className="flex items-center gap-1 rounded px-1.5 py-0.5 text-accent hover:bg-border" onClick={() => session.undoRestore()} data-testid="undo-restore">
            <Undo2 size={12} aria-hidden /> Undo restore
          </button>
        </div>
      )}
      <div className="border-t border-border px-3 py-2">
        <UsageLine totals={totals} label="Session" testId="session-usage" withContext />
        {contextFull && (
          <p className="flex items-center gap-2 text-[11px] text-warn" role="status" data-testid="context-warning">
            This chat fills most of the model&apos;s context window; soon it will not fit.
            <button type="button" className="flex shrink-0 items-center gap-1 whitespace-nowrap rounded px-1 text-accent hover:bg-border" onClick={onNewChat}>
              <MessageSquarePlus size={12} aria-hidden /> New chat
            </button>
          </p>
        )}
        <ContextChips
          files={mentions.mentioned.map((path) => ({ path, chars: fileChars(project, path) }))}
          extra={extra}
          onRemoveFile={(path) => {
            mentions.remove(path);
            input.current?.focus();
          }}
          onRemoveExtra={(index) => setExtra((e) => e.filter((_, j) => j !== index))}
        />
        <form
          className="relative mt-1 flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            send();
          }}
        >
          {mentions.open && <MentionPicker mentions={mentions} />}
          <textarea
            ref={input}
            className="max-h-40 min-h-[2.25rem] flex-1 resize-none rounded border border-border bg-surface px-2 py-1.5 text-sm outline-none focus:border-accent"
            rows={2}
            value={text}
            placeholder={readOnly ? "Read-only in this tab" : composerDisabled ?? "Ask or tell the assistant… (@file to include a file)"}
            disabled={readOnly || Boolean(composerDisabled)}
            onChange={(e) => {
              setText(e.target.value);
              mentions.trackCaret(e.target.selectionStart);
            }}
            onSelect={(e) => mentions.trackCaret(e.currentTarget.selectionStart)}
            onKeyDown={(e) => {
              if (mentions.onKeyDown(e)) return;
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                send();
              }
            }}
            aria-label="Message to the assistant"
            aria-autocomplete="list"
            aria-controls={mentions.open ? mentions.listboxId : undefined}
            aria-activedescendant={mentions.open && mentions.results.length > 0 ? mentions.optionId(mentions.active) : undefined}
            data-testid="chat-input"
          />
          {busy || toolsPending ? (
            <button type="button" className="flex h-9 items-center gap-1 rounded bg-danger px-3 text-sm text-white" onClick={() => void session.stop()} data-testid="stop">
              <Square size={12} aria-hidden /> Stop
            </button>
          ) : (
            <button type="submit" className="flex h-9 items-center rounded bg-accent px-3 text-accent-fg disabled:opacity-50" disabled={!text.trim() || readOnly || Boolean(composerDisabled)} aria-label="Send" data-testid="send">
              <ArrowUp size={16} aria-hidden />
            </button>
          )}
        </form>
      </div>
    </div>
  );
}

/** Characters in a text file (what a mention chip attaches). */
function fileChars(project: Project, path: string): number {
  const node = project.read(path);
  return node.ok && typeof node.value.content === "string" ? node.value.content.length : 0;
}

/** Re-renders every 250 ms while active (the Retry countdown). */
function useTicker(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(timer);
  }, [active]);
}

/** True once `active` has stayed true for `ms`. */
function useAfter(active: boolean, ms: number): boolean {
  const [reached, setReached] = useState(false);
  useEffect(() => {
    if (!active) return setReached(false);
    const timer = setTimeout(() => setReached(true), ms);
    return () => clearTimeout(timer);
  }, [active, ms]);
  return active && reached;
}
