"use client";
// What goes with the next message besides its text: @-mentioned files and context handed over by other panels
// ("Ask about selection"). Each chip says what it is and can be removed.
import { AtSign, TextSelect, X } from "lucide-react";
import { CONTEXT_CHARS } from "@/lib/agent/client/mentions";
import type { ContextData } from "@/lib/agent/protocol";

interface Props {
  /** Mentioned files with their current size in characters. */
  files: Array<{ path: string; chars: number }>;
  extra: ContextData[];
  onRemoveFile: (path: string) => void;
  onRemoveExtra: (index: number) => void;
}

export function ContextChips({ files, extra, onRemoveFile, onRemoveExtra }: Props) {
  if (files.length === 0 && extra.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1 text-[11px]" aria-label="Context sent with the message" data-testid="pending-context">
      {files.map((f) => (
        <Chip
          key={`file:${f.path}`}
          icon={<AtSign size={11} aria-hidden />}
          label={f.path}
          title={f.chars > CONTEXT_CHARS ? `The first ${CONTEXT_CHARS.toLocaleString("en")} of ${f.chars.toLocaleString("en")} characters of ${f.path} go with the message` : `The content of ${f.path} goes with the message`}
          onRemove={() => onRemoveFile(f.path)}
        />
      ))}
      {extra.map((c, i) => (
        <Chip key={`extra:${i}`} icon={<TextSelect size={11} aria-hidden />} label={c.label} title={`${c.label} goes with the message`} onRemove={() => onRemoveExtra(i)} />
      ))}
    </ul>
  );
}

function Chip({ icon, label, title, onRemove }: { icon: React.ReactNode; label: string; title: string; onRemove: () => void }) {
  return (
    <li className="flex max-w-full items-center gap-1 rounded border border-border bg-surface-3 py-px pl-1.5 pr-0.5 text-fg" title={title} data-testid="context-chip" data-label={label}>
      <span className="text-muted">{icon}</span>
      <span className="truncate font-mono">{label}</span>
      <button type="button" className="rounded p-0.5 text-muted hover:bg-border hover:text-fg" aria-label={`Remove ${label}`} onClick={onRemove}>
        <X size={11} aria-hidden />
      </button>
    </li>
  );
}
