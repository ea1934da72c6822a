"use client";
import Link from "next/link";
import { GitFork, Keyboard, Search, SquareStack } from "lucide-react";
import { ExportZipButton } from "@/components/home/ExportZipButton";
import { CloudButton } from "@/components/shares/CloudButton";
import { ShareButton } from "@/components/shares/ShareButton";
import { ThemeToggle } from "@/components/theme/ThemeToggle";
import { commandStore } from "./command-store";
import { formatCombo } from "./shortcuts";
import { useWorkspace } from "./WorkspaceContext";

export function WorkspaceHeader() {
  const { meta, autosave } = useWorkspace();
  const open = commandStore.getState().open;
  return (
    <header className="flex h-10 shrink-0 items-center gap-2 border-b border-border bg-surface-2 px-3">
      <Link href="/" className="flex items-center gap-1.5 text-sm font-semibold" title="All projects">
        <SquareStack size={16} className="text-accent" aria-hidden />
        Tandem
      </Link>
      <span className="text-muted" aria-hidden>/</span>
      <h1 className="truncate text-sm" data-testid="project-name">{meta.name}</h1>
      {meta.origin && (
        <Link
          href={`/s/${meta.origin.share}/v/${meta.origin.version}`}
          className="hidden shrink-0 items-center gap-1 text-xs text-muted hover:text-fg md:inline-flex"
          data-testid="project-origin"
          title="The shared project this one was forked from"
        >
          <GitFork size={12} aria-hidden /> forked from {meta.origin.title} v{meta.origin.version}
        </Link>
      )}
      <button
        type="button"
        onClick={() => open("quick-open")}
        className="ml-auto hidden w-72 items-center gap-2 rounded border border-border bg-surface px-2 py-1 text-xs text-muted hover:border-accent sm:flex"
      >
        <Search size={13} aria-hidden /> Go to file…
        <kbd className="ml-auto font-mono text-[10px]">{formatCombo("mod+p")}</kbd>
      </button>
      <div className="ml-auto flex items-center gap-1 sm:ml-2">
        <ExportZipButton />
        {autosave && <CloudButton />}
        {autosave && <ShareButton />}
        <button
          type="button"
          onClick={() => open("search")}
          className="inline-flex h-7 w-7 items-center justify-center rounded text-muted hover:bg-surface-3 hover:text-fg"
          title={`Search in files (${formatCombo("mod+shift+f")})`}
          aria-label="Search in files"
        >
          <Search size={15} aria-hidden />
        </button>
        <button
          type="button"
          onClick={() => open("shortcuts")}
          className="inline-flex h-7 w-7 items-center justify-center rounded text-muted hover:bg-surface-3 hover:text-fg"
          title={`Keyboard shortcuts (${formatCombo("mod+/")})`}
          aria-label="Keyboard shortcuts"
        >
          <Keyboard size={15} aria-hidden />
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
