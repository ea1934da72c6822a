// The `node` shell command: parses Node's command line (script, -e/-p, --test, -v) and runs a NodeProcess.
import type { MemFs } from "../mem-fs";
import type { KeyboardInput } from "./keyboard";
import type { ModuleHost } from "./modules";
import { NODE_VERSION, runNodeProgram, type NodeMain } from "./node-process";

export interface NodeCommandIO {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: string;
  /** The terminal's keyboard (a terminal command with nothing piped in). */
  keyboard?: KeyboardInput;
  /** When the program writes straight to a terminal: its output goes here as it is written, not into the result. */
  live?: (stream: "stdout" | "stderr", text: string) => void;
}

export interface NodeCommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const TEST_FILE = /(^|\/)(test(\.|-[^/]*\.)|[^/]*[.\-_]test\.)(c|m)?[jt]s$/;

/** Node 22's default `--test` patterns: *.test.js, *-test.js, *_test.js, test-*.js, test.js and files under test/. */
export function findTestFiles(fs: MemFs, cwd: string): string[] {
  return fs
    .walkFiles(cwd)
    .filter((p) => !p.includes("/node_modules/"))
    .filter((p) => {
      const rel = p.slice(cwd.length + 1);
      return TEST_FILE.test(rel) || (/(^|\/)test\//.test(rel) && /\.(c|m)?[jt]s$/.test(rel));
    });
}

export async function runNodeCommand(host: ModuleHost & { fs: MemFs }, io: NodeCommandIO): Promise<NodeCommandResult> {
  let stdout = "";
  let stderr = "";
  const write = (stream: "stdout" | "stderr", text: string) => {
    if (io.live) io.live(stream, text);
    else if (stream === "stdout") stdout += text;
    else stderr += text;
  };
  const args = [...io.argv];
  let main: NodeMain | undefined;
  let testMode = false;
  const testFiles: string[] = [];
  while (args.length) {
    const a = args.shift() as string;
    if (a === "-v" || a === "--version") return { stdout: `${NODE_VERSION}\n`, stderr: "", exitCode: 0 };
    if (a === "-h" || a === "--help")
      return { stdout: "Usage: node [options] [script.js | -e \"script\" | --test [files]] [arguments]\n", stderr: "", exitCode: 0 };
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") {
      main = { kind: "eval", code: args.shift() ?? "", print: a === "-p" || a === "--print" };
      break;
    }
    if (a === "--test") {
      testMode = true;
      continue;
    }
    if (a.startsWith("--")) continue; // --experimental-*, --enable-source-maps… accepted and ignored
    if (testMode) {
      testFiles.push(a, ...args.filter((x) => !x.startsWith("-")));
      break;
    }
    main = { kind: "file", path: host.fs.resolvePath(io.cwd, a) };
    break;
  }
  if (testMode) {
    const files = testFiles.length ? testFiles.map((f) => host.fs.resolvePath(io.cwd, f)) : findTestFiles(host.fs, io.cwd);
    const missing = files.find((f) => !host.fs.isFile(f));
    if (missing) return { stdout: "", stderr: `Could not find '${missing}'\n`, exitCode: 1 };
    main = { kind: "test", files };
  }
  if (!main)
    return {
      stdout: "",
      stderr: "node: the interactive REPL is not available here. Run a file (node app.js) or use node -e \"code\".\n",
      exitCode: 9,
    };
  if (main.kind === "file" && !host.fs.isFile(main.path)) {
    return {
      stdout: "",
      stderr: `node:internal/modules/cjs/loader\nError: Cannot find module '${main.path}'\n  code: 'MODULE_NOT_FOUND'\n\nNode.js ${NODE_VERSION}\n`,
      exitCode: 1,
    };
  }
  const scriptArgs = main.kind === "file" ? [main.path, ...args] : args;
  const exitCode = await runNodeProgram(host, { argv: scriptArgs, cwd: io.cwd, env: io.env, stdin: io.stdin, ...(io.keyboard ? { keyboard: io.keyboard } : {}), write }, main);
  return { stdout, stderr, exitCode };
}
