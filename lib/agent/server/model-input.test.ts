import { asSchema, convertToModelMessages } from "ai";
import { describe, expect, it } from "vitest";
import type { AgentUIMessage } from "../protocol";
import { agentTools } from "../tools/definitions";
import { modelTools, toModelMessages } from "./model-input";

const conversation = [
  {
    id: "u1",
    role: "user",
    parts: [
      { type: "text", text: "Fix the test." },
      { type: "data-context", data: { label: "open file", text: "src/a.ts:\n1\tconst a = 1;" } },
    ],
  },
  {
    id: "a1",
    role: "assistant",
    parts: [
      { type: "step-start" },
      { type: "reasoning", text: "Look first.", providerMetadata: { xai: { itemId: "rs_1", reasoningEncryptedContent: "enc" } } },
      { type: "tool-read_file", toolCallId: "c1", state: "output-available", input: { path: "a.ts" }, output: { path: "a.ts", content: "1\tx", startLine: 1, endLine: 1, totalLines: 1, truncated: false } },
      { type: "tool-list_files", toolCallId: "c2", state: "output-error", input: {}, errorText: "No project." },
      { type: "step-start" },
      { type: "text", text: "Running it." },
      // A call the person stopped: never sent half-done.
      { type: "tool-run_command", toolCallId: "c3", state: "input-available", input: { command: "npm test" } },
    ],
  },
  { id: "u2", role: "user", parts: [{ type: "text", text: "Go on." }] },
] as AgentUIMessage[];

describe("model input", () => {
  it("converts message by message exactly as the AI SDK converts the whole conversation", async () => {
    const whole = await convertToModelMessages<AgentUIMessage>(conversation, {
      tools: agentTools,
      ignoreIncompleteToolCalls: true,
      convertDataPart: (part) => (part.type === "data-context" ? { type: "text", text: part.data.text } : undefined),
    });
    const ours = await toModelMessages(conversation);
    expect(JSON.stringify(ours)).toBe(JSON.stringify(whole));
    // The same message objects again (the history cache keeps them): the same result, converted once.
    const again = await toModelMessages(conversation);
    expect(again[0]).toBe(ours[0]);
    expect(JSON.stringify(again)).toBe(JSON.stringify(whole));
  });

  it("gives the model the same tool definitions, with schemas converted once", () => {
    for (const [name, t] of Object.entries(agentTools)) {
      const wrapped = modelTools[name as keyof typeof modelTools];
      expect(wrapped.description).toBe(t.description);
      expect(JSON.stringify(asSchema<unknown>(wrapped.inputSchema).jsonSchema)).toBe(JSON.stringify(asSchema<unknown>(t.inputSchema).jsonSchema));
      expect(asSchema<unknown>(wrapped.inputSchema).jsonSchema).toBe(asSchema<unknown>(wrapped.inputSchema).jsonSchema);
    }
  });
});
