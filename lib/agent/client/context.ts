// Dynamic context for a person's message: what the model should know right now (open file, problems, @-mentioned
// files, AGENTS.md). It goes into that user message, never into the instructions, so earlier requests stay a stable
// prefix. A kernel: data in, context parts out.
import type { Project } from "@/lib/project";
import type { ContextData } from "../protocol";
import { capForContext, mentionContext, mentionedPaths } from "./mentions";

export interface ContextInput {
  project: Project;
  text: string;
  activePath: string | null;
  cursorLine?: number;
  problems: ReadonlyArray<{ path: string; line: number; severity: string; message: string }>;
  /** AGENTS.md content already given to the model in this chat (null: never). */
  agentsMdSent: string | null;
  /** Paths chosen in the @-mention picker (names a plain scan of the text would miss). */
  picked?: readonly string[];
}

export function buildContext(input: ContextInput): { parts: ContextData[]; agentsMd: string | null } {
  const parts: ContextData[] = [];
  const { project } = input;
  const agents = project.read("AGENTS.md");
  const agentsMd = agents.ok && typeof agents.value.content === "string" ? agents.value.content : null;
  if (agentsMd !== null && agentsMd !== input.agentsMdSent)
    parts.push({ label: "AGENTS.md", text: `<project-instructions file="AGENTS.md">\n${capForContext(agentsMd)}\n</project-instructions>` });
  for (const path of mentionedPaths(input.text, project, input.picked)) {
    const part = mentionContext(project, path);
    if (part) parts.push(part);
  }
  const lines: string[] = [];
  if (input.activePath) lines.push(`Open in the editor: ${input.activePath}${input.cursorLine ? ` (cursor at line ${input.cursorLine})` : ""}`);
  const errors = input.problems.filter((p) => p.severity === "error");
  if (errors.length > 0)
    lines.push(`Editor problems:\n${errors.slice(0, 20).map((p) => `${p.path}:${p.line}: ${p.message}`).join("\n")}`);
  if (lines.length > 0) parts.push({ label: input.activePath ?? "editor state", text: `<editor-state>\n${lines.join("\n")}\n</editor-state>` });
  return { parts, agentsMd: agentsMd ?? input.agentsMdSent };
}
