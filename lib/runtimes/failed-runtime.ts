// What a forced runtime that cannot start looks like: a status that says why, commands that explain instead of hang.
import { err } from "@/lib/project";
import type { Runtime, RuntimeInit, RuntimeStatus } from "./types";

export function failedRuntime(init: RuntimeInit, reason: string): Runtime {
  const status: RuntimeStatus = { kind: "webcontainer", state: "failed", progress: { phase: "failed", message: reason }, reason };
  const message = `${reason} Choose "Auto" or "Offline" as the runtime in the status bar.\n`;
  return {
    kind: "webcontainer",
    projectId: init.projectId,
    status: () => status,
    boot: async () => err("invalid-input", reason),
    spawn: (_command, options) => {
      options?.onOutput?.({ stream: "stderr", data: message });
      return { exit: Promise.resolve({ exitCode: 127, durationMs: 0 }), kill: () => undefined };
    },
    openShell: () => {
      const listeners = new Set<(d: string) => void>();
      queueMicrotask(() => listeners.forEach((l) => l(`\x1b[31m${message.replace(/\n/g, "\r\n")}\x1b[0m`)));
      return {
        id: "failed",
        write: () => undefined,
        resize: () => undefined,
        onData: (l) => (listeners.add(l), () => listeners.delete(l)),
        onExit: () => () => undefined,
        dispose: () => listeners.clear(),
      };
    },
    previews: () => [],
    subscribe: () => () => undefined,
    dispose: () => undefined,
  };
}
