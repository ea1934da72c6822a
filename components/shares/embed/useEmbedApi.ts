"use client";
// The embed's side of the postMessage API (lib/shares/EMBED.md): it answers only its own parent window, only from the
// host origin it can tell (ancestorOrigins or the Referer), and only the documented messages; replies go to that
// origin alone, never "*". Nothing here can read the host page, and the host cannot read this origin's storage.
import { useEffect, useRef } from "react";
import type { Project } from "@/lib/project";
import { runCommand } from "@/lib/runtimes/registry";
import type { Runtime } from "@/lib/runtimes/types";
import { hostMessage, hostOrigin, type EmbedMessage } from "@/lib/shares/embed";
import { editorStore } from "@/lib/workspace/editor-store";

export interface EmbedApiTarget {
  share: string;
  version: number;
  project: Project;
  runtime: Runtime | undefined;
  /** Shows a run in the embed's output panel (the same as run=). */
  onRun: (command: string, run: Promise<{ exitCode: number; stdout: string; stderr: string }>) => void;
}

export function runIn(runtime: Runtime, command: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return runtime.boot().then(async (booted) => {
    if (!booted.ok) return { exitCode: 1, stdout: "", stderr: booted.error.message };
    const result = await runCommand(runtime, command, { timeoutMs: 120_000 });
    return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  });
}

export function useEmbedApi(target: EmbedApiTarget): void {
  const current = useRef(target);
  current.current = target;
  useEffect(() => {
    if (window.parent === window) return; // opened on its own, not embedded
    const host = hostOrigin(window.location as Location & { ancestorOrigins?: DOMStringList }, document.referrer);
    if (!host) return;
    const post = (message: EmbedMessage) => window.parent.postMessage(message, host);
    post({ type: "tandem:ready", share: current.current.share, version: current.current.version });
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window.parent || event.origin !== host) return;
      const parsed = hostMessage.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      const { project, runtime, onRun } = current.current;
      if (message.type === "tandem:openFile") {
        const opened = editorStore.getState().openFile(message.path, message.line ? { line: message.line, column: 1 } : {});
        if (!opened.ok) post({ type: "tandem:error", message: opened.error.message });
      } else if (message.type === "tandem:getFiles") {
        const files: Record<string, string> = {};
        for (const f of project.listFiles()) if (typeof f.content === "string") files[f.path] = f.content;
        post({ type: "tandem:files", ...(message.id ? { id: message.id } : {}), files });
      } else {
        if (!runtime) {
          post({ type: "tandem:error", ...(message.id ? { id: message.id } : {}), message: "The runtime is still starting; try again in a moment." });
          return;
        }
        const run = runIn(runtime, message.command);
        onRun(message.command, run);
        void run.then((r) => post({ type: "tandem:ran", ...(message.id ? { id: message.id } : {}), command: message.command, ...r }));
      }
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, []);
}
