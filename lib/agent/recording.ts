// The session recording format: what a pair-programming session looked like, as data. The no-key demo replays one
// through the real UI (its tool calls run for real); sharing and teaching replays use the same format later.
//
// Events, not pixels (like Scrimba): user messages, each model step as the UI message chunks it streamed (with their
// timing), the tool outputs the browser produced, and every file change with its origin. A viewer can replay the
// model side and re-run the tools, or apply the recorded file changes to follow along, or stop and edit.
import type { UIMessageChunk } from "ai";
import { z } from "zod";
import type { ChangeEvent } from "@/lib/project";
import type { AgentUIMessage } from "./protocol";

export const RECORDING_FORMAT = "tandem.session/1";

const ms = z.number().min(0);
const json = z.looseObject({});

export const recordingEvent = z.discriminatedUnion("type", [
  /** A message the person sent. */
  z.object({ t: ms, type: z.literal("user-message"), message: z.looseObject({ id: z.string(), role: z.literal("user"), parts: z.array(json) }) }),
  /** One model step: the chunks as streamed, `dt` = ms after the step's request. */
  z.object({ t: ms, type: z.literal("model-step"), chunks: z.array(z.object({ dt: ms, chunk: json.and(z.object({ type: z.string() })) })) }),
  /** What the browser's tool runner returned for a call. */
  z.object({
    t: ms,
    type: z.literal("tool-output"),
    toolCallId: z.string(),
    toolName: z.string(),
    ok: z.boolean(),
    output: z.unknown().optional(),
    errorText: z.string().optional(),
  }),
  /** A change to the project by anyone (text content only; binary files are noted without content). */
  z.object({
    t: ms,
    type: z.literal("file-change"),
    origin: z.enum(["user", "agent", "runtime", "system"]),
    op: z.discriminatedUnion("type", [
      z.object({ type: z.literal("write"), path: z.string(), content: z.string().nullable() }),
      z.object({ type: z.literal("delete"), path: z.string() }),
      z.object({ type: z.literal("mkdir"), path: z.string() }),
      z.object({ type: z.literal("rename"), from: z.string(), to: z.string() }),
    ]),
  }),
]);
export type RecordingEvent = z.infer<typeof recordingEvent>;

export const recording = z.object({
  format: z.literal(RECORDING_FORMAT),
  title: z.string().max(200),
  description: z.string().max(2000).optional(),
  createdAt: z.string(),
  model: z.object({ provider: z.string(), model: z.string() }).optional(),
  /** The template or files the session starts from, so a viewer replays on the same project. */
  start: z.object({ template: z.string().optional(), files: z.record(z.string(), z.string()).optional() }),
  events: z.array(recordingEvent),
});
export type Recording = z.infer<typeof recording>;

/** The model steps of a recording, in order: what a replay transport streams, one per request. */
export function modelSteps(rec: Recording): Array<Array<{ dt: number; chunk: UIMessageChunk }>> {
  return rec.events.flatMap((e) => (e.type === "model-step" ? [e.chunks as Array<{ dt: number; chunk: UIMessageChunk }>] : []));
}

export function userMessages(rec: Recording): AgentUIMessage[] {
  return rec.events.flatMap((e) => (e.type === "user-message" ? [e.message as unknown as AgentUIMessage] : []));
}

/** Collects a live session into a Recording. */
export class Recorder {
  private events: RecordingEvent[] = [];
  private readonly t0 = Date.now();
  private step: { at: number; chunks: Array<{ dt: number; chunk: UIMessageChunk }> } | null = null;

  private now(): number {
    return Date.now() - this.t0;
  }

  userMessage(message: AgentUIMessage): void {
    this.events.push({ t: this.now(), type: "user-message", message: message as unknown as Extract<RecordingEvent, { type: "user-message" }>["message"] });
  }

  chunk(chunk: UIMessageChunk): void {
    if (chunk.type === "start" || !this.step) {
      this.step = { at: Date.now(), chunks: [] };
      this.events.push({ t: this.now(), type: "model-step", chunks: this.step.chunks as never });
    }
    this.step.chunks.push({ dt: Date.now() - this.step.at, chunk });
    if (chunk.type === "finish" || chunk.type === "error" || chunk.type === "abort") this.step = null;
  }

  toolOutput(toolCallId: string, toolName: string, result: { ok: true; output: unknown } | { ok: false; error: string }): void {
    this.events.push(
      result.ok
        ? { t: this.now(), type: "tool-output", toolCallId, toolName, ok: true, output: result.output }
        : { t: this.now(), type: "tool-output", toolCallId, toolName, ok: false, errorText: result.error },
    );
  }

  fileChange(event: ChangeEvent): void {
    const op = event.op.type === "write" ? { ...event.op, content: typeof event.op.content === "string" ? event.op.content : null } : event.op;
    this.events.push({ t: this.now(), type: "file-change", origin: event.origin, op });
  }

  finish(meta: Omit<Recording, "format" | "events" | "createdAt">): Recording {
    return { format: RECORDING_FORMAT, createdAt: new Date(this.t0).toISOString(), ...meta, events: [...this.events] };
  }
}
