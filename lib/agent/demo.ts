// The built-in demo: a short session on the "Node + tests" template (one failing test), stored as a Recording and
// replayed through the real panel when no model is configured. Its tool calls run for real in the runtime. The same
// script drives the local xAI stand-in in e2e tests, so the demo and the tested loop cannot drift apart.
import type { UIMessageChunk } from "ai";
import { RECORDING_FORMAT, type Recording, type RecordingEvent } from "./recording";

export interface ScriptStep {
  reasoning?: string;
  text?: string;
  toolCalls?: Array<{ name: string; args: Record<string, unknown> }>;
}

export const DEMO_PROMPT = "The tests fail. Find the bug and make them pass.";

export const FIX_THE_TEST_SCRIPT: ScriptStep[] = [
  {
    reasoning: "The person wants the failing test fixed. First I'll see what the project contains.",
    toolCalls: [{ name: "list_files", args: {} }],
  },
  {
    reasoning: "There is a module and its test file. Reading both, then running the tests to see the failure.",
    toolCalls: [
      { name: "read_file", args: { path: "text.test.js" } },
      { name: "read_file", args: { path: "text.js" } },
      { name: "run_command", args: { command: "npm test" } },
    ],
  },
  {
    reasoning:
      "slugify(\"Hello, World!\") must be \"hello-world\", but the trailing \"!\" becomes a dash and only leading dashes are removed. Trim both ends.",
    toolCalls: [
      {
        name: "edit_file",
        args: { path: "text.js", edits: [{ search: '    .replace(/^-+/, "");', replace: '    .replace(/^-+|-+$/g, "");' }] },
      },
    ],
  },
  { reasoning: "Run the tests again to check the fix.", toolCalls: [{ name: "run_command", args: { command: "npm test" } }] },
  {
    text:
      "Fixed. `slugify` removed dashes only at the start, so `\"Hello, World!\"` became `\"hello-world-\"`. It now trims " +
      "them at both ends:\n\n```js\n.replace(/^-+|-+$/g, \"\");\n```\n\n`npm test` passes: **3 of 3 tests**.",
  },
];

/** UI message chunks for one step, timed like a fast model (~150 tokens/s, 4 characters a token). */
export function scriptStepChunks(step: ScriptStep, stepIndex: number, messageId: string): Array<{ dt: number; chunk: UIMessageChunk }> {
  const out: Array<{ dt: number; chunk: UIMessageChunk }> = [];
  let t = 350; // time to first token
  const push = (chunk: UIMessageChunk, advance = 0) => {
    out.push({ dt: Math.round(t), chunk });
    t += advance;
  };
  const perChar = 1000 / 600;
  push({ type: "start", messageId });
  push({ type: "start-step" });
  if (step.reasoning) {
    const id = `r${stepIndex}`;
    push({ type: "reasoning-start", id });
    for (const piece of pieces(step.reasoning, 16)) push({ type: "reasoning-delta", id, delta: piece }, piece.length * perChar);
    push({ type: "reasoning-end", id });
  }
  if (step.text) {
    const id = `t${stepIndex}`;
    push({ type: "text-start", id });
    for (const piece of pieces(step.text, 12)) push({ type: "text-delta", id, delta: piece }, piece.length * perChar);
    push({ type: "text-end", id });
  }
  for (const [i, call] of (step.toolCalls ?? []).entries()) {
    const toolCallId = `demo-${stepIndex}-${i}`;
    push({ type: "tool-input-start", toolCallId, toolName: call.name });
    const json = JSON.stringify(call.args);
    push({ type: "tool-input-delta", toolCallId, inputTextDelta: json }, json.length * perChar);
    push({ type: "tool-input-available", toolCallId, toolName: call.name, input: call.args });
  }
  push({ type: "finish-step" });
  push({ type: "finish", finishReason: step.toolCalls?.length ? "tool-calls" : "stop" });
  return out;
}

export function demoRecording(): Recording {
  const events: RecordingEvent[] = [
    { t: 0, type: "user-message", message: { id: "demo-user-1", role: "user", parts: [{ type: "text", text: DEMO_PROMPT }] } },
  ];
  FIX_THE_TEST_SCRIPT.forEach((step, i) => {
    events.push({ t: 0, type: "model-step", chunks: scriptStepChunks(step, i, "demo-assistant-1") as never });
  });
  return {
    format: RECORDING_FORMAT,
    title: "Make the failing test pass",
    description: "The assistant finds a bug in slugify, fixes it, and proves it by running the tests.",
    createdAt: "2026-11-22T00:00:00.000Z",
    model: { provider: "recording", model: "grok-4.3" },
    start: { template: "node-tests" },
    events,
  };
}

function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
