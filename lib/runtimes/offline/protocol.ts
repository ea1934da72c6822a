// Messages between the IDE, the sandbox page (another origin) and its runner Workers. Everything that arrives from
// the sandbox is parsed with these schemas before the IDE acts on it: the sandbox runs untrusted code.
import { z } from "zod";

const content = z.union([z.string(), z.custom<Uint8Array>((v) => v instanceof Uint8Array, "bytes")]);

export const changeOpSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("write"), path: z.string().max(1024), content }),
  z.object({ type: z.literal("delete"), path: z.string().max(1024) }),
  z.object({ type: z.literal("mkdir"), path: z.string().max(1024) }),
]);
export type SyncOp = z.infer<typeof changeOpSchema>;

/** IDE → sandbox page. */
export type SandboxRequest =
  | { type: "init"; files: Array<[string, string | Uint8Array]>; dirs: string[] }
  | { type: "sync"; ops: SyncOp[] }
  | { type: "run"; id: string; command: string; cwd: string; env: Record<string, string>; stdin?: string; timeoutMs?: number; keyboard?: boolean }
  | { type: "kill"; id: string }
  /** Keyboard input for a running command (a typed line), and its end (Ctrl+D). */
  | { type: "input"; id: string; data: string }
  | { type: "input-end"; id: string }
  /** The preview page said the server no longer has its files: upload them again (into a new session if need be). */
  | { type: "preview-restore" };

/** Sandbox page → IDE. */
export const sandboxEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready") }),
  /** The static preview is uploaded and can be loaded (again, after a restore: possibly at a new URL). */
  z.object({ type: z.literal("preview"), url: z.url({ protocol: /^https?$/ }).max(2048) }),
  z.object({ type: z.literal("output"), id: z.string().max(64), stream: z.enum(["stdout", "stderr"]), data: z.string() }),
  z.object({
    type: z.literal("exit"),
    id: z.string().max(64),
    exitCode: z.number().int(),
    killed: z.enum(["timeout", "signal"]).optional(),
    durationMs: z.number(),
    cwd: z.string().max(1024),
    env: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal("changes"), ops: z.array(changeOpSchema).max(100_000) }),
]);
export type SandboxEvent = z.infer<typeof sandboxEventSchema>;

/** Sandbox page → runner Worker. */
export type WorkerRequest =
  | { type: "init"; files: Array<[string, string | Uint8Array]>; dirs: string[] }
  | { type: "sync"; ops: SyncOp[] }
  | { type: "run"; id: string; command: string; cwd: string; env: Record<string, string>; stdin?: string; keyboard?: boolean }
  | { type: "input"; id: string; data: string }
  | { type: "input-end"; id: string };

/** Runner Worker → sandbox page. */
export type WorkerEvent =
  | { type: "ready" }
  /** Output of a running command, as it is produced (only what is left arrives with the result). */
  | { type: "output"; id: string; stream: "stdout" | "stderr"; data: string }
  | { type: "result"; id: string; stdout: string; stderr: string; exitCode: number; cwd: string; env: Record<string, string>; ops: SyncOp[] };

