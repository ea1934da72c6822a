// "Include this AI chat": a project's saved chat (its UI messages) as a session recording, tandem.session/1 — the one
// event log (lib/agent/recording.ts), which the demo replays and viewers will replay. Each assistant step (split at
// its step-start parts) becomes a model-step of the chunks that would have streamed it, and each finished tool call a
// tool-output event. Saved chats keep no timing, so every dt is 0; a replay paces itself.
import type { UIMessageChunk } from "ai";
import type { ChatRecord } from "@/lib/agent/client/chat-persistence";
import type { AgentUIMessage } from "@/lib/agent/protocol";
import { RECORDING_FORMAT, recording, type Recording, type RecordingEvent } from "@/lib/agent/recording";

type Part = AgentUIMessage["parts"][number];
type ToolPart = { type: string; toolCallId: string; toolName?: string; input?: unknown; state?: string; output?: unknown; errorText?: string };

function isToolPart(part: Part): part is Part & ToolPart {
  return (part.type.startsWith("tool-") || part.type === "dynamic-tool") && "toolCallId" in part;
}

function toolNameOf(part: ToolPart): string {
  return part.type === "dynamic-tool" ? (part.toolName ?? "tool") : part.type.slice("tool-".length);
}

function stepsOf(parts: readonly Part[]): Part[][] {
  const steps: Part[][] = [[]];
  for (const part of parts) {
    if (part.type === "step-start") {
      if (steps.at(-1)!.length) steps.push([]);
      continue;
    }
    steps.at(-1)!.push(part);
  }
  return steps.filter((s) => s.length);
}

function stepEvents(messageId: string, parts: readonly Part[], index: number): RecordingEvent[] {
  const chunks: UIMessageChunk[] = [{ type: "start", messageId }, { type: "start-step" }];
  const outputs: RecordingEvent[] = [];
  let calls = 0;
  parts.forEach((part, i) => {
    const id = `${index}-${i}`;
    if (part.type === "text") chunks.push({ type: "text-start", id }, { type: "text-delta", id, delta: part.text }, { type: "text-end", id });
    else if (part.type === "reasoning") chunks.push({ type: "reasoning-start", id }, { type: "reasoning-delta", id, delta: part.text }, { type: "reasoning-end", id });
    else if (isToolPart(part)) {
      calls++;
      const toolName = toolNameOf(part);
      chunks.push({ type: "tool-input-available", toolCallId: part.toolCallId, toolName, input: part.input ?? {} });
      if (part.state === "output-available")
        outputs.push({ t: 0, type: "tool-output", toolCallId: part.toolCallId, toolName, ok: true, output: part.output });
      else if (part.state === "output-error")
        outputs.push({ t: 0, type: "tool-output", toolCallId: part.toolCallId, toolName, ok: false, errorText: part.errorText ?? "failed" });
    }
  });
  chunks.push({ type: "finish-step" }, { type: "finish", finishReason: calls ? "tool-calls" : "stop" });
  return [{ t: 0, type: "model-step", chunks: chunks.map((chunk) => ({ dt: 0, chunk })) as never }, ...outputs];
}

export function recordingFromChat(chat: Pick<ChatRecord, "title" | "messages" | "createdAt">, start: Recording["start"] = {}): Recording {
  const events: RecordingEvent[] = [];
  let step = 0;
  for (const message of chat.messages) {
    if (message.role === "user")
      events.push({ t: 0, type: "user-message", message: { id: message.id, role: "user", parts: message.parts as never } });
    else if (message.role === "assistant") for (const parts of stepsOf(message.parts)) events.push(...stepEvents(message.id, parts, step++));
  }
  // Checked against the format itself, so a chat the format cannot hold fails here, not in a viewer.
  return recording.parse({ format: RECORDING_FORMAT, title: chat.title.slice(0, 200), createdAt: new Date(chat.createdAt).toISOString(), start, events });
}
