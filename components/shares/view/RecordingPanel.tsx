"use client";
// The AI chat that came with a share (its tandem.session/1 recording), read-only in the assistant's place: what was
// asked, what the model said, which tools it ran. Replaying it step by step is the teaching issue's; forking starts
// one's own.
import { Bot, User, Wrench } from "lucide-react";
import { useMemo } from "react";
import type { Recording } from "@/lib/agent/recording";

type Line = { kind: "user" | "assistant" | "tool"; text: string };

function transcript(rec: Recording): Line[] {
  const lines: Line[] = [];
  for (const event of rec.events) {
    if (event.type === "user-message") {
      const text = event.message.parts.map((p) => (p.type === "text" && typeof p.text === "string" ? p.text : "")).join("").trim();
      if (text) lines.push({ kind: "user", text });
    } else if (event.type === "model-step") {
      let text = "";
      for (const { chunk } of event.chunks) {
        if (chunk.type === "text-delta" && typeof chunk.delta === "string") text += chunk.delta;
        if (chunk.type === "tool-input-available") lines.push({ kind: "tool", text: `${String(chunk.toolName)} ${JSON.stringify(chunk.input ?? {}).slice(0, 120)}` });
      }
      if (text.trim()) lines.push({ kind: "assistant", text: text.trim() });
    }
  }
  return lines;
}

export function RecordingPanel({ recording }: { recording: Recording | null }) {
  const lines = useMemo(() => (recording ? transcript(recording) : []), [recording]);
  return (
    <div className="flex h-full flex-col" data-testid="share-recording">
      <div className="flex h-9 shrink-0 items-center border-b border-border px-3 text-xs font-medium">AI chat{recording ? `: ${recording.title}` : ""}</div>
      <div className="min-h-0 flex-1 space-y-2 overflow-y-auto p-3 text-xs">
        {!recording && <p className="text-muted">This share has no AI chat. Fork it to work on it with the assistant.</p>}
        {lines.map((line, i) => (
          <div key={i} className={`flex gap-2 ${line.kind === "tool" ? "text-muted" : ""}`}>
            {line.kind === "user" ? <User size={13} className="mt-0.5 shrink-0" aria-hidden /> : line.kind === "assistant" ? <Bot size={13} className="mt-0.5 shrink-0 text-accent" aria-hidden /> : <Wrench size={12} className="mt-0.5 shrink-0" aria-hidden />}
            <p className={`min-w-0 whitespace-pre-wrap break-words ${line.kind === "tool" ? "font-mono text-[11px]" : ""}`}>{line.text}</p>
          </div>
        ))}
      </div>
    </div>
  );
}
