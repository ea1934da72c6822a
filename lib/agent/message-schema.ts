// The schema of every UI message part the browser sends to /api/chat, with its fields and sizes. The route parses
// the body with it before anything else runs: a part that is not one of these (or has a field too many, too long or
// of the wrong kind) is a 400 that names it, never a 500 further in (the model conversion, the store, toModelOutput).
//
// Objects are strict: a field the AI SDK does not define for that part is refused rather than stored unchecked.
// Tool inputs are whatever the model produced (bounded JSON: a bad call is part of the history, as an output-error);
// the outputs of our own tools are checked against their output schemas, because toModelOutput reads them.
import { z } from "zod";
import { isAgentToolName, type AgentToolName } from "./tools/definitions";
import * as tools from "./tools/schemas";

export const MESSAGE_LIMITS = {
  /** How deeply the request body may nest (objects and arrays), checked before any schema runs. */
  depth: 64,
  idChars: 200,
  /** Text, reasoning, error texts and raw tool input, per part. */
  textChars: 1_000_000,
  partsPerMessage: 2_000,
  messagesPerRequest: 5_000,
  /** A file part's URL (data: URLs carry the file). */
  urlChars: 8_000_000,
} as const;

/** Printable: no control, format or unassigned characters, no lone surrogates, no whitespace. A NUL in an id used to be
 * accepted, then silently failed the database write (PostgreSQL TEXT cannot hold it). */
const PRINTABLE_ID = /^[^\p{C}\s]+$/u;
export const messageId = z
  .string()
  .min(1, "must not be empty")
  .max(MESSAGE_LIMITS.idChars, `must be at most ${MESSAGE_LIMITS.idChars} characters`)
  .regex(PRINTABLE_ID, "must be printable characters without spaces or control characters");

const text = z.string().max(MESSAGE_LIMITS.textChars, `must be at most ${MESSAGE_LIMITS.textChars.toLocaleString("en-US")} characters`);
const shortText = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const json = z.json();
const jsonObject = z.record(z.string(), json);
/** `providerMetadata`: per provider, a JSON object. */
const providerMetadata = z.record(z.string().max(200), jsonObject);
const streamState = z.enum(["streaming", "done"]);
const mediaType = shortText(255).regex(/^[a-z0-9.+-]+(\/[a-z0-9.+*-]+)?$/i, "must be a media type such as image/png");

/** Dynamic context for one user message (open file, selection, diagnostics, AGENTS.md). Shown to the model as text
 * inside that user message — never in the instructions — so earlier steps stay a stable, cacheable prefix. */
export const contextData = z.strictObject({ text: z.string().max(200_000), label: z.string().max(200) });
export type ContextData = z.infer<typeof contextData>;

const textPart = z.strictObject({
  type: z.literal("text"),
  text,
  state: streamState.optional(),
  providerMetadata: providerMetadata.optional(),
  citations: z.array(json).max(1_000).optional(),
});
const reasoningPart = z.strictObject({
  type: z.literal("reasoning"),
  id: messageId.optional(),
  text,
  state: streamState.optional(),
  providerMetadata: providerMetadata.optional(),
});
const filePart = z.strictObject({
  type: z.literal("file"),
  mediaType,
  filename: shortText(255).regex(/^[^\p{Cc}]*$/u, "must not contain control characters").optional(),
  url: z
    .string()
    .max(MESSAGE_LIMITS.urlChars)
    // Only data: URLs: the model SDK downloads a file URL the provider cannot take itself, and a URL in a message
    // is the sender's choice — the server's network is not the sender's to use. Tandem's browser inlines files.
    .regex(/^data:/i, "must be a data: URL (the server fetches nothing a message names)"),
  providerReference: z.record(z.string().max(200), shortText(1_000)).optional(),
  providerMetadata: providerMetadata.optional(),
});
const sourceUrlPart = z.strictObject({
  type: z.literal("source-url"),
  sourceId: messageId,
  url: shortText(4_096).regex(/^https?:\/\//i, "must be an http(s) URL"),
  title: shortText(1_000).optional(),
  providerMetadata: providerMetadata.optional(),
});
const sourceDocumentPart = z.strictObject({
  type: z.literal("source-document"),
  sourceId: messageId,
  mediaType,
  title: shortText(1_000),
  filename: shortText(255).optional(),
  providerMetadata: providerMetadata.optional(),
});
const stepStartPart = z.strictObject({ type: z.literal("step-start") });
const contextPart = z.strictObject({ type: z.literal("data-context"), id: messageId.optional(), data: contextData });

const approval = z.strictObject({
  id: messageId,
  approved: z.boolean().optional(),
  descriptor: json.optional(),
  requestReason: shortText(10_000).optional(),
  reason: shortText(10_000).optional(),
  isAutomatic: z.boolean().optional(),
  signature: shortText(10_000).optional(),
  inputSchemaInput: json.optional(),
});

/** A tool call in each of its states. `output` is the tool's own output schema for our tools, any JSON otherwise. */
function toolStates(output: z.ZodType) {
  const common = {
    toolCallId: messageId,
    title: shortText(500).optional(),
    toolMetadata: jsonObject.optional(),
    providerExecuted: z.boolean().optional(),
    callProviderMetadata: providerMetadata.optional(),
  };
  return {
    "input-streaming": z.strictObject({
      ...common,
      state: z.literal("input-streaming"),
      input: json.optional(),
      rawInput: text.optional(),
      inputEncoding: z.enum(["json", "text"]).optional(),
    }),
    "input-available": z.strictObject({ ...common, state: z.literal("input-available"), input: json }),
    "approval-requested": z.strictObject({ ...common, state: z.literal("approval-requested"), input: json, approval }),
    "approval-responded": z.strictObject({ ...common, state: z.literal("approval-responded"), input: json, approval }),
    "output-available": z.strictObject({
      ...common,
      state: z.literal("output-available"),
      input: json,
      output,
      resultProviderMetadata: providerMetadata.optional(),
      preliminary: z.boolean().optional(),
      approval: approval.optional(),
    }),
    "output-error": z.strictObject({
      ...common,
      state: z.literal("output-error"),
      input: json.optional(),
      rawInput: json.optional(),
      errorText: text,
      resultProviderMetadata: providerMetadata.optional(),
      approval: approval.optional(),
    }),
    "output-denied": z.strictObject({ ...common, state: z.literal("output-denied"), input: json, approval }),
  } satisfies Record<string, z.ZodType>;
}
type ToolStates = ReturnType<typeof toolStates>;

const anyToolStates = toolStates(json);
/** Our tools' outputs, as the browser's runner returns them (toModelOutput reads their fields). */
const OUTPUTS: Record<AgentToolName, z.ZodType> = {
  list_files: tools.listFilesOutput,
  read_file: tools.readFileOutput,
  write_file: tools.fileChangeOutput,
  edit_file: tools.fileChangeOutput,
  delete_path: tools.pathChangeOutput,
  rename_path: tools.pathChangeOutput,
  search: tools.searchOutput,
  run_command: tools.runCommandOutput,
  read_diagnostics: tools.readDiagnosticsOutput,
  read_preview_errors: tools.readPreviewErrorsOutput,
};
const ourToolStates = new Map<string, ToolStates>(Object.entries(OUTPUTS).map(([name, output]) => [name, toolStates(output)]));
/** Schemas per part type and state, made once. */
const extended = new Map<string, z.ZodType>();
const toolName = shortText(128).regex(/^[A-Za-z0-9_.:-]+$/, "must be letters, digits, _ . : or -");

const FIXED_PARTS: Record<string, z.ZodType> = {
  text: textPart,
  reasoning: reasoningPart,
  file: filePart,
  "source-url": sourceUrlPart,
  "source-document": sourceDocumentPart,
  "step-start": stepStartPart,
  "data-context": contextPart,
};

/** The schema for a part, chosen by its `type` (and `state` for tool calls), or why there is none. */
function schemaFor(value: unknown): { schema: z.ZodType; label: string } | { error: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "must be an object" };
  const { type, state } = value as { type?: unknown; state?: unknown };
  if (typeof type !== "string") return { error: "needs a string `type`" };
  const shown = JSON.stringify(type.slice(0, 60));
  const fixed = FIXED_PARTS[type];
  if (fixed) return { schema: fixed, label: type };
  let states: ToolStates;
  let extra: z.ZodRawShape;
  if (type === "dynamic-tool") {
    states = anyToolStates;
    extra = { type: z.literal("dynamic-tool"), toolName, dynamic: z.literal(false).optional() };
  } else if (type.startsWith("tool-")) {
    const name = type.slice(5);
    if (!isAgentToolName(name)) return { error: `has the type ${shown}, which names no Tandem tool (calls of unknown tools are dynamic-tool parts)` };
    states = ourToolStates.get(name) as ToolStates;
    extra = { type: z.literal(type) };
  } else {
    return { error: `has the type ${shown}, which is not a message part Tandem sends (text, reasoning, file, source-url, source-document, step-start, data-context, tool-<name>, dynamic-tool)` };
  }
  if (typeof state !== "string" || !Object.hasOwn(states, state))
    return { error: `(${type}) needs a \`state\` of ${Object.keys(states).join(", ")}` };
  const key = `${type}\n${state}`;
  let schema = extended.get(key);
  if (!schema) extended.set(key, (schema = states[state as keyof ToolStates].extend(extra)));
  return { schema, label: `${type}, ${state}` };
}

/** One message part: dispatched on `type`, so an error names the part's own fields instead of a union's guesses. */
export const messagePart = z.unknown().superRefine((value, ctx) => {
  const chosen = schemaFor(value);
  if ("error" in chosen) {
    ctx.addIssue({ code: "custom", message: `this part ${chosen.error}` });
    return;
  }
  const result = chosen.schema.safeParse(value);
  if (result.success) return;
  for (const issue of result.error.issues.slice(0, 3))
    ctx.addIssue({ code: "custom", path: issue.path, message: `${issue.message} (in a ${chosen.label} part)`, input: undefined });
});

export const messageRole = z.enum(["user", "assistant"]);
export const messageMetadata = z.looseObject({ createdAt: z.number().optional() }).optional();
export const messageParts = z.array(messagePart).max(MESSAGE_LIMITS.partsPerMessage, `at most ${MESSAGE_LIMITS.partsPerMessage} parts`);

/** Where the value nests deeper than `max` levels of objects and arrays, or null. Iterative: a body 100,000 levels deep
 * is measured without recursion (the schemas below recurse, so this runs first). */
export function tooDeep(value: unknown, max: number = MESSAGE_LIMITS.depth): string | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, ""]];
  while (stack.length) {
    const [node, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof node !== "object" || node === null) continue;
    if (depth >= max) return path || "the body";
    if (Array.isArray(node)) node.forEach((v, i) => stack.push([v, depth + 1, `${path}[${i}]`]));
    else for (const [k, v] of Object.entries(node)) stack.push([v, depth + 1, path ? `${path}.${k}` : k]);
  }
  return null;
}

/** "messages[0].parts[3].output.path: expected string" from a zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
  return path ? `${path}: ${issue.message}` : issue.message;
}
