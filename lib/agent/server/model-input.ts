// Server only. What each model step needs from the conversation, computed once instead of on every request: the tool
// definitions' JSON Schemas and each message's model-message form.
import { asSchema, convertToModelMessages, type InferToolInput, type InferToolOutput, type ModelMessage, type Tool } from "ai";
import type { AgentUIMessage } from "../protocol";
import { agentTools, type AgentTools } from "../tools/definitions";

export type ModelTools = { [K in keyof AgentTools]: Tool<InferToolInput<AgentTools[K]>, InferToolOutput<AgentTools[K]>> };

/**
 * The shared tools with their input schemas wrapped once. The AI SDK wraps a plain zod schema anew on every request and
 * converts it to JSON Schema each time (about 0.5 ms for our ten tools, more under load); a wrapped schema keeps its
 * JSON Schema after the first request. Same descriptions, schemas and toModelOutput: the model sees identical bytes.
 */
export const modelTools: ModelTools = withWrappedSchemas(agentTools);

function withWrappedSchemas(tools: AgentTools): ModelTools {
  const entries = Object.entries(tools).map(([name, t]) => [name, { ...t, inputSchema: asSchema<unknown>(t.inputSchema) }] as const);
  // Each entry keeps its tool's input and output types; Object.entries only loses which key holds which.
  return Object.fromEntries(entries) as ModelTools;
}

const converted = new WeakMap<AgentUIMessage, ModelMessage[]>();

/**
 * The conversation as model messages. Each UI message converts on its own (convertToModelMessages treats messages
 * independently when no tool needs approval, and ours never do), so a message object that lives on from one step to
 * the next — the history cache keeps them — is converted once. The WeakMap lets evicted messages go.
 */
export async function toModelMessages(messages: readonly AgentUIMessage[]): Promise<ModelMessage[]> {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    let model = converted.get(message);
    if (!model) {
      model = await convertToModelMessages<AgentUIMessage>([message], {
        tools: modelTools,
        // A stopped or failed step can leave a call without a result; it is dropped rather than sent half-done.
        ignoreIncompleteToolCalls: true,
        convertDataPart: (part) => (part.type === "data-context" ? { type: "text", text: part.data.text } : undefined),
      });
      converted.set(message, model);
    }
    out.push(...model);
  }
  return out;
}
