// The offline shell: just-bash over our MemFs, plus our own `node` and `npm` commands. Used by the runner Worker and,
// unchanged, by the unit tests in Node.
import { Bash, defineCommand } from "just-bash/browser";
import type { MemFs } from "./mem-fs";
import type { KeyboardInput } from "./node/keyboard";
import { runNodeCommand } from "./node/node-command";
import type { ProcessLauncher } from "./process/launcher";
import { ChildRunner } from "./process/children";
import type { TtyInfo } from "./process/protocol";
import { runNpmCommand } from "./npm-command";
import { createLiveOutputPlugin, LIVE_DEVICES, TTY_VAR } from "./live-output";

export const PROJECT_ROOT = "/project";

export interface ShellRun {
  command: string;
  /** Absolute folder inside the runtime. */
  cwd: string;
  env: Record<string, string>;
  stdin?: string;
  signal?: AbortSignal;
  /** Set for a terminal: output is handed over as it is produced, and only what is left comes back in the result. */
  live?: LiveSink;
  /** Set for a terminal: what the person types while the command runs, for a program reading stdin. */
  keyboard?: KeyboardInput;
  /** The terminal's size (a program writing to it sees a TTY of this size). */
  columns?: number;
  rows?: number;
  /** A program switched the terminal to raw keys or back. */
  ttyMode?: (raw: boolean) => void;
}

export type LiveSink = (stream: "stdout" | "stderr", text: string) => void;

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Folder and exported variables after the command (so `cd` and `export` persist in a terminal). */
  cwd: string;
  env: Record<string, string>;
}

const BASE_ENV = {
  HOME: "/home/user",
  USER: "user",
  PATH: "/usr/local/bin:/usr/bin:/bin",
  TERM: "xterm-256color",
  LANG: "C.UTF-8",
  SHELL: "/bin/bash",
};

/** Variables the shell sets itself each time; carrying them to the next command would confuse it. */
const SHELL_ONLY_VARS = [TTY_VAR, "__tandem_status", "PWD", "OLDPWD", "SHELLOPTS", "BASHOPTS", "IFS", "OPTIND", "PPID", "SHLVL", "_", "OSTYPE", "MACHTYPE", "HOSTTYPE", "HOSTNAME"];

function bytesToText(stdin: string): string {
  // just-bash hands stdin over as a latin1 byte string; programs expect UTF-8 text.
  const bytes = Uint8Array.from(stdin, (c) => c.charCodeAt(0) & 0xff);
  return new TextDecoder().decode(bytes);
}

/** Variables a command's environment gets: the exported ones (and `VAR=x cmd` prefixes), as in bash. */
function exported(ctx: { env: Map<string, string>; exportedEnv?: Record<string, string> }): Record<string, string> {
  const out = { ...(ctx.exportedEnv ?? Object.fromEntries(ctx.env)) };
  delete out[TTY_VAR];
  return out;
}

/**
 * A script line run with `ctx.exec` in an environment of its own. The sub-shell starts with the interpreter's
 * exported names only, so variables that reach it as `env` (`FOO=1 npm run x`) are exported again for its commands.
 */
function exporting(env: Record<string, string>, script: string): string {
  const names = Object.keys(env).filter((k) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && k !== TTY_VAR);
  return names.length ? `export ${names.join(" ")}\n${script}` : script;
}

export function createShell(fs: MemFs, launcher: ProcessLauncher & { setChildren?(children: ChildRunner): void }) {
  fs.mkdirSync(PROJECT_ROOT, { recursive: true });
  fs.mkdirSync("/home/user", { recursive: true });
  fs.mkdirSync("/tmp", { recursive: true });
  fs.attachDevice("/dev/null", () => undefined);
  let live: LiveSink | undefined;
  let keyboard: KeyboardInput | undefined;
  let size = { columns: 80, rows: 24 };
  let ttyMode: ((raw: boolean) => void) | undefined;
  /** Programs of the running command that draw on the terminal (they get its new size). */
  const onResize = new Set<(columns: number, rows: number) => void>();
  const liveOutput = createLiveOutputPlugin();
  // A redirect opens (truncates) its target with an empty write first; that is not output.
  fs.attachDevice(LIVE_DEVICES.stdout, (text) => text && live?.("stdout", text));
  fs.attachDevice(LIVE_DEVICES.stderr, (text) => text && live?.("stderr", text));
  /** The sink when this command was marked as writing to the terminal (see live-output.ts). */
  const liveFor = (env: Map<string, string>) => (env.get(TTY_VAR) === "1" ? live : undefined);
  const node = defineCommand("node", async (args, ctx) => {
    const sink = liveFor(ctx.env);
    const stdin = bytesToText(ctx.stdin as unknown as string);
    // A program writing to the terminal with nothing piped in reads the keyboard, as in a real terminal.
    const keys = sink && stdin === "" ? keyboard : undefined;
    const tty: TtyInfo = { stdin: !!keys, stdout: !!sink, stderr: !!sink, ...size };
    return runNodeCommand(fs, launcher, {
      argv: args,
      cwd: ctx.cwd,
      env: exported(ctx),
      stdin,
      tty,
      ...(sink ? { live: sink } : {}),
      ...(keys ? { keyboard: keys } : {}),
      ...(sink && ttyMode ? { ttyMode } : {}),
      ...(sink ? { resizes: onResize } : {}),
    });
  });
  const npm = defineCommand("npm", async (args, ctx) => {
    const sink = liveFor(ctx.env);
    return runNpmCommand(fs, {
      args,
      cwd: ctx.cwd,
      env: exported(ctx),
      ...(sink ? { live: sink } : {}),
      exec: async (script, env) => {
        if (!ctx.exec) return { stdout: "", stderr: "npm: cannot run scripts here\n", exitCode: 1 };
        // The script's own top-level commands reach the terminal only when npm's output does.
        if (sink) liveOutput.arm();
        const r = await ctx.exec(exporting(env, script), { cwd: ctx.cwd, env: { ...env, [TTY_VAR]: "0" }, replaceEnv: true });
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
      },
    });
  });
  const npx = defineCommand("npx", async (args, ctx) => {
    const bin = args[0];
    if (bin && fs.isFile(`${ctx.cwd}/node_modules/.bin/${bin}`) && ctx.exec) {
      if (liveFor(ctx.env)) liveOutput.arm();
      const vars = exported(ctx);
      const r = await ctx.exec(exporting(vars, `node ./node_modules/.bin/${args.map((a) => JSON.stringify(a)).join(" ")}`), { cwd: ctx.cwd, env: vars, replaceEnv: true });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    }
    return { stdout: "", stderr: `npx ${bin ?? ""}: downloading packages needs WebContainer and a network connection.\n`, exitCode: 1 };
  });
  // `which node` names where Node would be: node, npm and npx are the shell's own commands, not files on PATH.
  const OWN = { node: "/usr/local/bin/node", npm: "/usr/local/bin/npm", npx: "/usr/local/bin/npx" } as Record<string, string>;
  const which = defineCommand("which", async (args, ctx) => {
    const names = args.filter((a) => !a.startsWith("-"));
    const others = names.filter((n) => !OWN[n]);
    const rest = others.length && ctx.origCommand ? await ctx.origCommand(others) : { stdout: "", stderr: "", exitCode: others.length ? 1 : 0 };
    const own = names.filter((n) => OWN[n]).map((n) => `${OWN[n]}\n`).join("");
    return { stdout: own + rest.stdout, stderr: rest.stderr, exitCode: rest.exitCode };
  });
  // A shell per command line: what one command exports or defines never reaches the next (a terminal carries its
  // folder and variables over itself, through the result).
  const newBash = () => {
    const bash = new Bash({
      fs,
      cwd: PROJECT_ROOT,
      env: BASE_ENV,
      customCommands: [node, npm, npx, which],
      defenseInDepth: false,
      // The defaults end legitimate scripts (exit 126); a runaway loop is stopped by killing the Worker instead.
      executionLimits: {
        maxCommandCount: 10_000_000,
        maxLoopIterations: 100_000_000,
        maxCallDepth: 1_000,
      },
    });
    bash.registerTransformPlugin(liveOutput.plugin);
    return bash;
  };
  // child_process: what a process starts that is not `node` runs in a shell of its own.
  launcher.setChildren?.(
    new ChildRunner(fs, launcher, async (command, options) => {
      const r = await newBash().exec(command, { cwd: options.cwd, env: options.env, stdin: options.stdin, signal: options.signal, replaceEnv: true });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    }),
  );

  return {
    /** The terminal was resized while a command runs. */
    resize(columns: number, rows: number) {
      size = { columns, rows };
      for (const listener of onResize) listener(columns, rows);
    },
    async run(run: ShellRun): Promise<ShellResult> {
      // A trailing `pwd` marker is how the terminal learns the folder after `cd` (each exec starts fresh).
      const marker = "__TANDEM_CWD__";
      const script = `${run.command}\n__tandem_status=$?\nprintf '\\n${marker}%s\\n' "$PWD" >&2\nexit $__tandem_status`;
      live = run.live;
      keyboard = run.keyboard;
      size = { columns: run.columns ?? 80, rows: run.rows ?? 24 };
      ttyMode = run.ttyMode;
      if (live) liveOutput.arm(3); // the three bookkeeping lines above stay as they are
      const result = await newBash().exec(script, {
        cwd: run.cwd,
        env: run.env,
        ...(run.stdin !== undefined ? { stdin: run.stdin } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
        rawScript: true,
      }).finally(() => {
        live = undefined;
        keyboard = undefined;
        ttyMode = undefined;
        onResize.clear();
      });
      let stderr = result.stderr;
      let cwd = run.cwd;
      const at = stderr.lastIndexOf(`\n${marker}`);
      if (at !== -1) {
        cwd = stderr.slice(at + marker.length + 1).trim() || cwd;
        stderr = stderr.slice(0, at);
      }
      const env = { ...result.env };
      for (const k of SHELL_ONLY_VARS) delete env[k];
      return { stdout: result.stdout, stderr, exitCode: result.exitCode, cwd, env };
    },
  };
}

export type OfflineShell = ReturnType<typeof createShell>;
