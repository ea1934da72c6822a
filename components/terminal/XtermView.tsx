"use client";
// One terminal tab: xterm.js attached to a runtime shell session, sized to its box, with file:line links that open
// the editor.
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { useEffect, useRef } from "react";
import type { Project } from "@/lib/project";
import { findFileLinks } from "@/lib/runtimes/terminal-links";
import type { Runtime } from "@/lib/runtimes/types";
import { openFile } from "@/lib/workspace/editor-store";

type TerminalElement = HTMLDivElement & { tandemTerminalText?: () => string };

interface Props {
  runtime: Runtime;
  project: Project;
  visible: boolean;
  /** Take the keyboard when first shown. Off for the terminal that opens with the workspace, so it never pulls focus
   * away from what the person is doing (a rename box in the tree, the editor). */
  autoFocus: boolean;
  onExit: () => void;
}

export function XtermView({ runtime, project, visible, autoFocus, onExit }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const fitRef = useRef<FitAddon | null>(null);
  const termRef = useRef<Terminal | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const style = getComputedStyle(document.documentElement);
    // xterm measures glyphs itself, so it needs a real family name rather than a CSS variable.
    const mono = style.getPropertyValue("--font-geist-mono").trim();
    const term = new Terminal({
      fontFamily: `${mono ? `${mono}, ` : ""}ui-monospace, monospace`,
      fontSize: 13,
      cursorBlink: true,
      scrollback: 5_000,
      allowProposedApi: false,
      theme: {
        background: style.getPropertyValue("--color-surface").trim() || "#0b0d10",
        foreground: style.getPropertyValue("--color-fg").trim() || "#e6e6e6",
      },
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    // The whole scrollback as text, for tests and tools (the DOM holds only the visible rows).
    (el as TerminalElement).tandemTerminalText = () => {
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? "");
      return lines.join("\n").replace(/\s+$/, "");
    };
    fitRef.current = fit;
    termRef.current = term;
    try {
      fit.fit();
    } catch {
      // Hidden panels have no size yet; the ResizeObserver fits later.
    }
    void document.fonts.ready.then(() => {
      try {
        fit.fit();
      } catch {
        // disposed or hidden
      }
    });
    const session = runtime.openShell({ cols: term.cols, rows: term.rows });
    const offData = session.onData((d) => term.write(d));
    const offExit = session.onExit(() => onExit());
    const input = term.onData((d) => session.write(d));
    const resize = term.onResize(({ cols, rows }) => session.resize(cols, rows));
    const links = term.registerLinkProvider({
      provideLinks(y, callback) {
        const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? "";
        const found = findFileLinks(line, (p) => project.hasFile(p));
        callback(
          found.map((l) => ({
            range: { start: { x: l.start + 1, y }, end: { x: l.end, y } },
            text: line.slice(l.start, l.end),
            decorations: { underline: true, pointerCursor: true },
            activate: () => {
              openFile(l.path, { line: l.line, ...(l.column ? { column: l.column } : {}) });
            },
          })),
        );
      },
    });
    const observer = new ResizeObserver(() => {
      if (el.offsetWidth > 0 && el.offsetHeight > 0) {
        try {
          fit.fit();
        } catch {
          // ignore transient layout states
        }
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      links.dispose();
      input.dispose();
      resize.dispose();
      offData();
      offExit();
      session.dispose();
      term.dispose();
      termRef.current = null;
    };
    // onExit is deliberately not a dependency: a new callback identity must not restart the shell.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runtime, project]);

  const firstShow = useRef(true);
  useEffect(() => {
    if (!visible) return;
    try {
      fitRef.current?.fit();
    } catch {
      // not laid out yet
    }
    const first = firstShow.current;
    firstShow.current = false;
    if (!first || autoFocus) termRef.current?.focus();
    // autoFocus matters only for the first showing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible]);

  return <div ref={box} className="h-full w-full overflow-hidden px-2 pt-1" data-testid="terminal-view" hidden={!visible} />;
}
