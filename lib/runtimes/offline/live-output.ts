// Live terminal output for the offline shell. just-bash collects a script's output and returns it when the script
// ends; a terminal wants it as it is produced. A transform plugin (it edits the parsed script, nothing is re-parsed)
// makes the top-level commands whose output would reach the terminal write it there themselves:
//   - every such pipeline (inside loops, ifs and groups too, when their output is not redirected) is wrapped as `{ pipeline; } >>/dev/tandem/stdout 2>>/dev/tandem/stderr`, devices that
//     forward each write at once — so output leaves after every command, in order;
//   - `node`, `npm` and `npx` among them get `__TANDEM_TTY=1` and stream while they run (a test runner's lines appear
//     one by one); everywhere else — pipes, redirects, `$(…)`, loop bodies — they get `__TANDEM_TTY=0` and return
//     their output to the shell as before, so `node x | grep y` still pipes.
// Written by hand because just-bash has no streaming output API (3.4); its AST and plugin hook are public.
import type { CommandNode, PipelineNode, SimpleCommandNode, StatementNode, TransformPlugin, WordNode } from "just-bash";

export const TTY_VAR = "__TANDEM_TTY";
export const LIVE_DEVICES = { stdout: "/dev/tandem/stdout", stderr: "/dev/tandem/stderr" } as const;
const STREAMING_COMMANDS = new Set(["node", "npm", "npx"]);

type GroupNode = Extract<CommandNode, { type: "Group" }>;
type RedirectionNode = GroupNode["redirections"][number];

const word = (value: string): WordNode => ({ type: "Word", parts: [{ type: "Literal", value }] });

function literalName(cmd: SimpleCommandNode): string | undefined {
  const parts = cmd.name?.parts;
  return parts?.length === 1 && parts[0]?.type === "Literal" ? parts[0].value : undefined;
}

function markTty(cmd: SimpleCommandNode, on: boolean): void {
  cmd.assignments = cmd.assignments.filter((a) => a.name !== TTY_VAR);
  cmd.assignments.push({ type: "Assignment", name: TTY_VAR, value: word(on ? "1" : "0"), append: false, array: null });
}

/** Marks every node/npm/npx anywhere in the tree as not writing to the terminal. */
function markAllQuiet(node: unknown, seen = new Set<unknown>()): void {
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const child of node) markAllQuiet(child, seen);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.type === "SimpleCommand") {
    const cmd = record as unknown as SimpleCommandNode;
    const name = literalName(cmd);
    if (name && STREAMING_COMMANDS.has(name)) markTty(cmd, false);
  }
  for (const value of Object.values(record)) markAllQuiet(value, seen);
}

function redirectTo(fd: 1 | 2, target: string): RedirectionNode {
  return { type: "Redirection", fd, operator: ">>", target: word(target) };
}

function wrapForTerminal(pipeline: PipelineNode): PipelineNode {
  const only = pipeline.commands.length === 1 ? pipeline.commands[0] : undefined;
  if (only?.type === "FunctionDef") return pipeline; // a definition prints nothing and must stay a definition
  if (only && only.type !== "SimpleCommand" && only.redirections.length === 0 && wireInside(only)) return pipeline;
  if (only?.type === "SimpleCommand") {
    const cmd = only;
    if (!cmd.name) return pipeline; // plain assignments print nothing
    const name = literalName(cmd);
    if (name && STREAMING_COMMANDS.has(name) && cmd.redirections.length === 0) markTty(cmd, true);
  }
  const inner: StatementNode = { type: "Statement", pipelines: [{ ...pipeline, negated: false }], operators: [], background: false };
  const group: GroupNode = { type: "Group", body: [inner], redirections: [redirectTo(1, LIVE_DEVICES.stdout), redirectTo(2, LIVE_DEVICES.stderr)] };
  return { type: "Pipeline", commands: [group], negated: pipeline.negated };
}

/** Loops, ifs and groups whose output is not redirected: wire the commands inside them, so `while …; do echo tick;
 * sleep 1; done` ticks live. Returns false for compounds it does not look into (they are wrapped whole). */
function wireInside(cmd: Exclude<CommandNode, SimpleCommandNode | { type: "FunctionDef" }>): boolean {
  switch (cmd.type) {
    case "If":
      for (const clause of cmd.clauses) {
        wireStatements(clause.condition);
        wireStatements(clause.body);
      }
      if (cmd.elseBody) wireStatements(cmd.elseBody);
      return true;
    case "While":
    case "Until":
      wireStatements(cmd.condition);
      wireStatements(cmd.body);
      return true;
    case "For":
    case "CStyleFor":
    case "Group":
    case "Subshell":
      wireStatements(cmd.body);
      return true;
    case "Case":
      for (const item of cmd.items) wireStatements(item.body);
      return true;
    default:
      return false;
  }
}

function wireStatements(statements: StatementNode[]): void {
  for (const statement of statements) {
    if (statement.background) continue;
    statement.pipelines = statement.pipelines.map(wrapForTerminal);
  }
}

/**
 * The plugin, and `arm()`: the next script parsed (and only that one) gets its top-level commands wired to the
 * terminal, except its last `keepTrailing` statements (the shell's own bookkeeping). Unarmed parses — nested
 * `npm run` scripts, `eval` — only get the quiet marks.
 */
export function createLiveOutputPlugin() {
  let armed: { keepTrailing: number } | undefined;
  const plugin: TransformPlugin = {
    name: "tandem-live-output",
    transform({ ast }) {
      markAllQuiet(ast);
      const arm = armed;
      armed = undefined;
      if (arm) {
        wireStatements(ast.statements.slice(0, Math.max(0, ast.statements.length - arm.keepTrailing)));
      }
      return { ast };
    },
  };
  return {
    plugin,
    arm(keepTrailing = 0) {
      armed = { keepTrailing };
    },
  };
}
