// `npm` in the offline runtime: scripts from package.json run in the same shell; anything that needs the registry
// says so plainly instead of failing mysteriously.
import type { MemFs } from "./mem-fs";

export interface NpmIO {
  args: string[];
  cwd: string;
  /** The exported variables npm was started with (its scripts get them, with npm's own). */
  env: Record<string, string>;
  /** Set when npm writes straight to a terminal: the banner goes out before the script starts. */
  live?: (stream: "stdout" | "stderr", text: string) => void;
  /** Runs a script line in the shell (with node_modules/.bin on PATH). */
  exec(script: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string; exitCode: number }>;
}

const NEEDS_NETWORK = new Set(["install", "i", "add", "ci", "update", "up", "uninstall", "remove", "rm", "publish", "outdated", "audit", "exec", "x", "create", "init"]);

export async function runNpmCommand(fs: MemFs, io: NpmIO): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const [sub, ...rest] = io.args;
  if (!sub || sub === "help" || sub === "--help")
    return { stdout: "Usage: npm run <script> | npm test | npm start\n(offline runtime: scripts only)\n", stderr: "", exitCode: 0 };
  if (sub === "-v" || sub === "--version") return { stdout: "11.6.2\n", stderr: "", exitCode: 0 };
  if (NEEDS_NETWORK.has(sub))
    return {
      stdout: "",
      stderr:
        `npm ${sub}: installing packages needs WebContainer and a network connection, and this is the offline runtime.\n` +
        "Scripts from package.json still work here (npm test, npm start, npm run <script>).\n",
      exitCode: 1,
    };
  const pkgPath = findPackageJson(fs, io.cwd);
  if (!pkgPath) return { stdout: "", stderr: `npm error enoent Could not read package.json in ${io.cwd}\n`, exitCode: 254 };
  let pkg: { name?: string; version?: string; scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  try {
    pkg = JSON.parse(fs.readTextSync(pkgPath)) as typeof pkg;
  } catch (error) {
    return { stdout: "", stderr: `npm error JSON.parse ${pkgPath}: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
  }
  const scripts = pkg.scripts ?? {};
  let name: string | undefined;
  let extra: string[] = [];
  if (sub === "run" || sub === "run-script") {
    name = rest[0];
    extra = rest.slice(1);
    if (!name) return { stdout: `Scripts available in ${pkg.name ?? "this package"} via \`npm run\`:\n${Object.entries(scripts).map(([k, v]) => `  ${k}\n    ${v}`).join("\n")}\n`, stderr: "", exitCode: 0 };
  } else if (sub === "test" || sub === "t" || sub === "start" || sub === "stop" || sub === "restart") {
    name = sub === "t" ? "test" : sub;
    extra = rest;
  } else return { stdout: "", stderr: `npm ${sub}: not available in the offline runtime.\n`, exitCode: 1 };
  if (extra[0] === "--") extra = extra.slice(1);
  let script = scripts[name];
  const pkgDir = dirOf(pkgPath);
  if (script === undefined && name === "start" && fs.isFile(`${pkgDir}/server.js`)) script = "node server.js";
  if (script === undefined)
    return { stdout: "", stderr: `npm error Missing script: "${name}"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\n`, exitCode: 1 };
  // npm runs "pre<name>" and "post<name>" around a script when they exist; arguments go to the script itself.
  const steps: Array<[string, string]> = [];
  if (scripts[`pre${name}`] !== undefined) steps.push([`pre${name}`, scripts[`pre${name}`] as string]);
  steps.push([name, [script, ...extra.map(shellQuote)].join(" ")]);
  if (scripts[`post${name}`] !== undefined) steps.push([`post${name}`, scripts[`post${name}`] as string]);
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const [event, line] of steps) {
    const header = `\n> ${pkg.name ?? "package"}${pkg.version ? `@${pkg.version}` : ""} ${event}\n> ${line}\n\n`;
    if (io.live) io.live("stdout", header);
    else stdout += header;
    const result = await io.exec(line, {
      ...io.env,
      npm_lifecycle_event: event,
      npm_lifecycle_script: line,
      npm_command: sub === "run" || sub === "run-script" ? "run" : name,
      npm_package_name: pkg.name ?? "",
      npm_package_version: pkg.version ?? "",
      npm_package_json: pkgPath,
      npm_node_execpath: "/usr/local/bin/node",
      npm_execpath: "/usr/local/lib/node_modules/npm/bin/npm-cli.js",
      npm_config_user_agent: "npm/11.6.2 node/v24.21.0 linux x64 workspaces/false",
      NODE: "/usr/local/bin/node",
      INIT_CWD: io.cwd,
      // Every ancestor's node_modules/.bin, nearest first, then the caller's PATH.
      PATH: [...binDirs(pkgDir), io.env.PATH ?? "/usr/local/bin:/usr/bin:/bin"].join(":"),
    });
    stdout += result.stdout;
    stderr += result.stderr;
    exitCode = result.exitCode;
    const hint = exitCode === 127 ? notInstalledHint(fs, pkgPath, pkg, result.stderr) : "";
    if (hint && io.live) io.live("stderr", hint);
    else stderr += hint;
    if (exitCode !== 0) break;
  }
  return { stdout, stderr, exitCode };
}

function binDirs(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; ; d = dirOf(d)) {
    out.push(`${d === "/" ? "" : d}/node_modules/.bin`);
    if (d === "/") return out;
  }
}

/**
 * "vite: command not found" from a script of a project whose packages are not installed: say that, and why they
 * cannot be here (a bare "command not found" reads like a typo in the script).
 */
function notInstalledHint(fs: MemFs, pkgPath: string, pkg: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }, stderr: string): string {
  const missing = /(?:^|\n)(?:bash: )?([\w@./-]+): command not found/.exec(stderr)?.[1];
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  if (!missing || declared.length === 0 || fs.isDirectory(`${dirOf(pkgPath)}/node_modules/.bin`)) return "";
  return (
    `npm: \`${missing}\` is not installed. This project's packages (${declared.slice(0, 4).join(", ")}${declared.length > 4 ? ", …" : ""}) are not ` +
    "installed in the offline runtime: installing them needs WebContainer and a network connection. Scripts that use node and the shell work here.\n"
  );
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/")) || "/";
}

function findPackageJson(fs: MemFs, cwd: string): string | undefined {
  for (let dir = cwd; ; dir = dirOf(dir)) {
    const candidate = `${dir === "/" ? "" : dir}/package.json`;
    if (fs.isFile(candidate)) return candidate;
    if (dir === "/") return undefined;
  }
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}
