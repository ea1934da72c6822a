// The `node` shell command: parses Node's command line (script, -e/-p, --test, -v) and starts each program as a
// process of its own (process/launcher.ts); `node --test` starts one per test file (test-files.ts).
import type { MemFs } from "../mem-fs";
import type { ProcessHandle, ProcessLauncher } from "../process/launcher";
import { NO_TTY, type ProcessSpec, type TtyInfo } from "../process/protocol";
import type { KeyboardInput } from "./keyboard";
import { NODE_VERSION, type NodeMain } from "./node-process";
import { resolveModule } from "./resolve";
import { runTestFiles, selectTestFiles } from "./test-files";

export { findTestFiles } from "./test-files";

export interface NodeCommandIO {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  /** The terminal's keyboard (a terminal command with nothing piped in). */
  keyboard?: KeyboardInput;
  /** When the program writes straight to a terminal: its output goes here as it is written, not into the result. */
  live?: (stream: "stdout" | "stderr", text: string) => void;
  tty?: TtyInfo;
  /** A program switched the terminal to raw keys (process.stdin.setRawMode). */
  ttyMode?: (raw: boolean) => void;
  /** Where to register for the terminal's resizes while a program runs. */
  resizes?: Set<(columns: number, rows: number) => void>;
}

export interface NodeCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Options that take the next argument as their value. */
const WITH_VALUE = new Set(["-r", "--require", "--import", "--loader", "--experimental-loader", "--input-type", "-C", "--conditions", "--test-name-pattern", "--test-skip-pattern", "--test-reporter", "--test-reporter-destination", "--test-concurrency", "--env-file", "--title", "--stack-size", "--test-timeout"]);

const USAGE = "Usage: node [options] [ script.js ] [arguments]\n       node --test [options] [files...]\n       node -e \"script\" | -p \"expression\"\n";

interface Parsed {
  execArgv: string[];
  main?: NodeMain;
  script?: string;
  args: string[];
  test: boolean;
  version?: boolean;
  help?: boolean;
}

export function parseNodeArgs(argv: string[]): Parsed {
  const args = [...argv];
  const execArgv: string[] = [];
  let test = false;
  while (args.length) {
    const a = args.shift() as string;
    if (a === "-v" || a === "--version") return { execArgv, args, test, version: true };
    if (a === "-h" || a === "--help") return { execArgv, args, test, help: true };
    const evalMatch = /^(-e|--eval|-p|--print)(?:=(.*))?$/s.exec(a);
    if (evalMatch) {
      const code = evalMatch[2] ?? args.shift() ?? "";
      execArgv.push(a, ...(evalMatch[2] === undefined ? [code] : []));
      return { execArgv, args, test, main: { kind: "eval", code, print: evalMatch[1] === "-p" || evalMatch[1] === "--print" } };
    }
    if (a === "--test") {
      test = true;
      execArgv.push(a);
      continue;
    }
    if (a === "--") return { execArgv, args: args.slice(1), test, ...(args[0] !== undefined ? { script: args[0] } : {}) };
    if (WITH_VALUE.has(a)) {
      execArgv.push(a, args.shift() ?? "");
      continue;
    }
    if (a.startsWith("-") && a !== "-") {
      execArgv.push(a);
      continue;
    }
    if (test) return { execArgv, args: [a, ...args], test };
    return { execArgv, args, test, script: a };
  }
  return { execArgv, args, test };
}

export async function runNodeCommand(fs: MemFs, launcher: ProcessLauncher, io: NodeCommandIO): Promise<NodeCommandResult> {
  let stdout = "";
  let stderr = "";
  const write = (stream: "stdout" | "stderr", text: string) => {
    if (io.live) io.live(stream, text);
    else if (stream === "stdout") stdout += text;
    else stderr += text;
  };
  const done = (exitCode: number) => ({ stdout, stderr, exitCode });
  const parsed = parseNodeArgs(io.argv);
  if (parsed.version) return { stdout: `${NODE_VERSION}\n`, stderr: "", exitCode: 0 };
  if (parsed.help) return { stdout: USAGE, stderr: "", exitCode: 0 };
  const tty = io.tty ?? NO_TTY;
  /** stdin: what was piped in, else the keyboard (forwarded as typed), else nothing (EOF at once). */
  const attachStdin = (handle: ProcessHandle) => io.keyboard?.read((data) => handle.write(data), () => handle.end());
  const spec = (main: NodeMain, argv: string[]): ProcessSpec => ({
    main,
    argv,
    execArgv: parsed.execArgv,
    cwd: io.cwd,
    env: io.env,
    stdin: io.keyboard && io.stdin === "" ? null : io.stdin,
    tty,
  });

  if (parsed.test && !parsed.main) {
    const selected = selectTestFiles(fs, io.cwd, parsed.args.filter((a) => !a.startsWith("-")));
    if ("missing" in selected) return { stdout: "", stderr: `Could not find '${selected.missing}'\n`, exitCode: 1 };
    const code = await runTestFiles(selected.files, {
      concurrency: launcher.concurrency ?? 1,
      write: (text) => write("stdout", text),
      relative: (file) => (file.startsWith(`${io.cwd}/`) ? file.slice(io.cwd.length + 1) : file),
      start: (file, output, report) =>
        launcher.launch({ ...spec({ kind: "test-file", path: file }, [file]), stdin: "" }, { output: (_stream, data) => output(data), testReport: report }),
    });
    return done(code);
  }

  let main = parsed.main;
  let argv = parsed.args;
  if (!main) {
    if (parsed.script === undefined || parsed.script === "-") {
      if (parsed.script === undefined && !io.stdin)
        return { stdout: "", stderr: "node: the interactive REPL is not available here. Run a file (node app.js) or use node -e \"code\".\n", exitCode: 9 };
      // `echo 'code' | node` and `node -`: the program is what was piped in.
      const p = spec({ kind: "eval", code: io.stdin, print: false, name: "[stdin]" }, argv);
      return runOne({ ...p, stdin: "" });
    }
    // Node resolves the main module like require() does: extensions, a folder's package.json "main" or index.js.
    const target = parsed.script.startsWith("/") ? parsed.script : `${io.cwd}/${parsed.script}`;
    let path: string;
    try {
      path = resolveModule(fs, target, `${io.cwd}/[main]`, ["require", "node", "default"]);
    } catch {
      const abs = fs.resolvePath(io.cwd, parsed.script);
      return {
        stdout: "",
        stderr:
          "node:internal/modules/cjs/loader:1568\n  throw err;\n  ^\n\n" +
          `Error: Cannot find module '${abs}' {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js ${NODE_VERSION}\n`,
        exitCode: 1,
      };
    }
    main = { kind: "file", path };
    argv = [fs.resolvePath(io.cwd, parsed.script), ...parsed.args];
  }
  return runOne(spec(main, argv));

  async function runOne(p: ProcessSpec): Promise<NodeCommandResult> {
    const handle = launcher.launch(p, { output: write, ...(io.ttyMode ? { ttyMode: io.ttyMode } : {}) });
    if (p.stdin === null) attachStdin(handle);
    const resize = (columns: number, rows: number) => handle.resize(columns, rows);
    io.resizes?.add(resize);
    const code = await handle.exit;
    io.resizes?.delete(resize);
    // A program that ends in raw mode leaves the terminal as Node leaves it: cooked again.
    io.ttyMode?.(false);
    return done(code);
  }
}
