// `npm` in the offline runtime: scripts from package.json run in the same shell; anything that needs the registry
// says so plainly instead of failing mysteriously.
import type { MemFs } from "./mem-fs";

export interface NpmIO {
  args: string[];
  cwd: string;
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
  if (sub === "-v" || sub === "--version") return { stdout: "10.9.0\n", stderr: "", exitCode: 0 };
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
  if (script === undefined && name === "start" && fs.isFile(`${dirOf(pkgPath)}/server.js`)) script = "node server.js";
  if (script === undefined) return { stdout: "", stderr: `npm error Missing script: "${name}"\n`, exitCode: 1 };
  const line = [script, ...extra.map(shellQuote)].join(" ");
  const header = `\n> ${pkg.name ?? "package"}${pkg.version ? `@${pkg.version}` : ""} ${name}\n> ${line}\n\n`;
  if (io.live) io.live("stdout", header);
  const result = await io.exec(line, { npm_lifecycle_event: name, PATH: `${dirOf(pkgPath)}/node_modules/.bin:/usr/local/bin:/usr/bin:/bin` });
  const hint = result.exitCode === 127 ? notInstalledHint(fs, pkgPath, pkg, result.stderr) : "";
  if (hint && io.live) io.live("stderr", hint);
  return { stdout: (io.live ? "" : header) + result.stdout, stderr: result.stderr + (io.live ? "" : hint), exitCode: result.exitCode };
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
