// Module resolution and format detection, following Node's rules closely enough for ordinary projects:
// relative files with extension probing, folders with index files, package.json "main"/"exports", node_modules lookup.
import type { MemFs } from "../mem-fs";

export const BUILTINS = new Set([
  "fs", "fs/promises", "path", "path/posix", "process", "timers", "timers/promises", "console", "assert",
  "assert/strict", "events", "util", "test", "url", "os", "module", "buffer", "string_decoder", "perf_hooks",
  // Fetched on demand (lazy-builtins.ts).
  "stream", "stream/promises", "readline", "readline/promises", "crypto",
  // Known but unavailable offline (unavailable.ts): a clear message instead of "Cannot find module".
  "http", "https", "net", "child_process", "worker_threads", "zlib", "dns", "tls", "http2", "cluster", "dgram", "vm",
  "v8", "async_hooks", "inspector", "tty", "repl", "stream/web", "wasi",
]);

export type ModuleFormat = "esm" | "cjs" | "json";

const EXTENSIONS = [".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".json"];

export function builtinName(spec: string): string | null {
  const name = spec.startsWith("node:") ? spec.slice(5) : spec;
  if (spec.startsWith("node:") || BUILTINS.has(name)) return name;
  return null;
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i <= 0 ? "/" : path.slice(0, i);
}

export function isTypeScript(path: string): boolean {
  return /\.(ts|mts|cts|tsx)$/.test(path);
}

export class ModuleNotFound extends Error {
  code = "MODULE_NOT_FOUND";
  constructor(spec: string, from: string) {
    super(`Cannot find module '${spec}'\nRequire stack:\n- ${from}`);
    this.name = "Error";
  }
}

export function resolveModule(fs: MemFs, spec: string, fromFile: string, conditions: string[]): string {
  const from = dirOf(fromFile);
  if (spec.startsWith("file://")) spec = decodeURIComponent(new URL(spec).pathname);
  if (spec.startsWith("/") || spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..") {
    const base = fs.resolvePath(from, spec);
    const found = tryFile(fs, base) ?? tryDir(fs, base, conditions);
    if (found) return found;
    throw new ModuleNotFound(spec, fromFile);
  }
  const [pkgName, subpath] = splitPackage(spec);
  for (let dir = from; ; dir = dirOf(dir)) {
    const pkgDir = `${dir === "/" ? "" : dir}/node_modules/${pkgName}`;
    if (fs.isDirectory(pkgDir)) {
      if (subpath) {
        const viaExports = fromExports(fs, pkgDir, `./${subpath}`, conditions);
        const found = viaExports ?? tryFile(fs, `${pkgDir}/${subpath}`) ?? tryDir(fs, `${pkgDir}/${subpath}`, conditions);
        if (found) return found;
      } else {
        const found = fromExports(fs, pkgDir, ".", conditions) ?? tryDir(fs, pkgDir, conditions);
        if (found) return found;
      }
    }
    if (dir === "/") break;
  }
  throw new ModuleNotFound(spec, fromFile);
}

function splitPackage(spec: string): [string, string] {
  const parts = spec.split("/");
  if (spec.startsWith("@")) return [parts.slice(0, 2).join("/"), parts.slice(2).join("/")];
  return [parts[0] ?? spec, parts.slice(1).join("/")];
}

function tryFile(fs: MemFs, path: string): string | undefined {
  if (fs.isFile(path)) return path;
  for (const ext of EXTENSIONS) if (fs.isFile(path + ext)) return path + ext;
  // TypeScript projects import "./x.js" that exists on disk as "./x.ts".
  const js = path.match(/^(.*)\.(m|c)?js$/);
  if (js) for (const ext of [".ts", ".tsx", ".mts", ".cts"]) if (fs.isFile(`${js[1]}${ext}`)) return `${js[1]}${ext}`;
  return undefined;
}

function readJson(fs: MemFs, path: string): Record<string, unknown> | undefined {
  if (!fs.isFile(path)) return undefined;
  try {
    const value: unknown = JSON.parse(fs.readTextSync(path));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function tryDir(fs: MemFs, dir: string, conditions: string[]): string | undefined {
  if (!fs.isDirectory(dir)) return undefined;
  const pkg = readJson(fs, `${dir}/package.json`);
  const main = typeof pkg?.main === "string" ? pkg.main : undefined;
  if (main) {
    const found = tryFile(fs, fs.resolvePath(dir, main)) ?? tryFile(fs, `${fs.resolvePath(dir, main)}/index`);
    if (found) return found;
  }
  void conditions;
  return tryFile(fs, `${dir}/index`);
}

function fromExports(fs: MemFs, pkgDir: string, subpath: string, conditions: string[]): string | undefined {
  const pkg = readJson(fs, `${pkgDir}/package.json`);
  let exports = pkg?.exports;
  if (exports === undefined) return undefined;
  if (typeof exports === "string" || Array.isArray(exports) || !Object.keys(exports as object).some((k) => k.startsWith(".")))
    exports = { ".": exports };
  const target = pick((exports as Record<string, unknown>)[subpath], conditions);
  return target ? tryFile(fs, fs.resolvePath(pkgDir, target)) : undefined;
}

function pick(entry: unknown, conditions: string[]): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) return entry.map((e) => pick(e, conditions)).find(Boolean);
  if (typeof entry === "object" && entry !== null)
    for (const [cond, value] of Object.entries(entry)) if (conditions.includes(cond)) return pick(value, conditions);
  return undefined;
}

/** Node's rules: .mjs/.mts ESM, .cjs/.cts CommonJS, otherwise the nearest package.json "type", otherwise syntax. */
export function moduleFormat(fs: MemFs, path: string, source: string): ModuleFormat {
  if (path.endsWith(".json")) return "json";
  if (/\.m[jt]s$/.test(path)) return "esm";
  if (/\.c[jt]s$/.test(path)) return "cjs";
  for (let dir = dirOf(path); ; dir = dirOf(dir)) {
    const pkg = readJson(fs, `${dir === "/" ? "" : dir}/package.json`);
    if (pkg) {
      if (pkg.type === "module") return "esm";
      if (pkg.type === "commonjs") return "cjs";
      break;
    }
    if (dir === "/") break;
  }
  return /(^|\n)\s*(import\s*[\w{*'"]|export\s+[\w{*])/.test(source) ? "esm" : "cjs";
}
