"use client";
import { History } from "lucide-react";
import type { StoreApi } from "zustand/vanilla";
import { memo } from "react";
import { useStore } from "zustand";
import type { AgentUIMessage } from "@/lib/agent/protocol";
import type { SessionState } from "./agent-session";
import { LazyMarkdown } from "./LazyMarkdown";
import { ReasoningBlock } from "./ReasoningBlock";
import { ToolCard, type ToolPartView } from "./ToolCard";
import { UsageLine } from "./UsageLine";

interface Props {
  message: AgentUIMessage;
  store: StoreApi<SessionState>;
  /** The user message this assistant message answers (its turn). */
  turnId: string | null;
  streaming: boolean;
  canRestore: boolean;
  onRestore?: (turnId: string) => void;
}

/** Memoized: while the last message streams, the earlier ones (same objects in the chat's list) are not rendered again. */
export const MessageView = memo(function MessageView({ message, store, turnId, streaming, canRestore, onRestore }: Props) {
  const usage = useStore(store, (s) => (turnId ? s.turns[turnId] : undefined));
  if (message.role === "user") {
    const text = message.parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
    const context = message.parts.flatMap((p) => (p.type === "data-context" ? [p.data.label] : []));
    return (
      <div className="group my-2 flex flex-col items-end" data-testid="user-message">
        <div className="max-w-[92%] whitespace-pre-wrap rounded-lg bg-accent/10 px-3 py-1.5 text-sm">{text}</div>
        {context.length > 0 && <p className="mt-0.5 text-[10px] text-muted">with {context.join(", ")}</p>}
        {canRestore && onRestore && (
          <button
            type="button"
            className="mt-0.5 flex items-center gap-1 rounded px-1 text-[11px] text-muted opacity-70 hover:bg-surface-3 hover:opacity-100 focus:opacity-100"
            onClick={() => onRestore(message.id)}
            data-testid="restore-checkpoint"
            title="Put every file back as it was before this message. You can undo this."
          >
            <History size={11} aria-hidden /> Restore to before this
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="my-2" data-testid="assistant-message">
      {message.parts.map((part, i) => {
        if (part.type === "text") return <LazyMarkdown key={i} text={part.text} />;
        if (part.type === "reasoning") return part.text ? <ReasoningBlock key={i} text={part.text} streaming={streaming && part.state === "streaming"} /> : null;
        if (part.type === "dynamic-tool")
          return <ToolCard key={part.toolCallId} store={store} part={{ ...part, toolName: part.toolName } as ToolPartView} />;
        if (part.type.startsWith("tool-") && "toolCallId" in part)
          return <ToolCard key={part.toolCallId} store={store} part={{ ...(part as object), toolName: part.type.slice(5) } as ToolPartView} />;
        return null;
      })}
      {usage && !streaming && <UsageLine totals={usage} testId="turn-usage" />}
    </div>
  );
});
