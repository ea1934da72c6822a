"use client";
import { Brain } from "lucide-react";
import { useEffect, useRef, useState } from "react";

/** Live reasoning, collapsible, with how long it took (measured here while it streams). */
export function ReasoningBlock({ text, streaming }: { text: string; streaming: boolean }) {
  const started = useRef<number | null>(streaming ? Date.now() : null);
  const [seconds, setSeconds] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!streaming && started.current !== null && seconds === null) setSeconds((Date.now() - started.current) / 1000);
  }, [streaming, seconds]);
  const label = streaming ? "Thinking…" : seconds !== null ? `Thought for ${seconds.toFixed(1)} s` : "Reasoning";
  return (
    <details
      className="my-1 rounded border border-border/70 bg-surface text-xs"
      open={streaming || open}
      onToggle={(e) => !streaming && setOpen(e.currentTarget.open)}
      data-testid="reasoning"
    >
      <summary className="flex cursor-pointer select-none items-center gap-1.5 px-2 py-1 text-muted">
        <Brain size={12} aria-hidden className={streaming ? "animate-pulse" : ""} />
        {label}
      </summary>
      <p className="whitespace-pre-wrap px-2 pb-2 italic text-muted">{text}</p>
    </details>
  );
}
