// Module resolution and format detection, following Node's rules closely enough for ordinary projects:
// relative files with extension probing, folders with index files, package.json "main"/"exports", node_modules lookup.
import type { MemFs } from "../mem-fs";

export const BUILTINS = new Set([
  "fs", "fs/promises", "path", "path/posix", "process", "timers", "timers/promises", "console", "assert",
  "assert/strict", "events", "util", "test", "url", "os", "module", "buffer", "string_decoder", "perf_hooks", "querystring",
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

export class PackagePathNotExported extends Error {
  code = "ERR_PACKAGE_PATH_NOT_EXPORTED";
  constructor(subpath: string, pkgJson: string) {
    super(subpath === "." ? `No "exports" main defined in ${pkgJson}` : `Package subpath '${subpath}' is not defined by "exports" in ${pkgJson}`);
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
  if (spec.startsWith("#")) {
    // package.json "imports" of the nearest package.
    const scope = nearestPackage(fs, from);
    const imports = scope?.json.imports;
    const target = imports && typeof imports === "object" ? matchMap(imports as Record<string, unknown>, spec, conditions) : undefined;
    if (scope && target) {
      if (target.startsWith("./")) {
        const found = tryFile(fs, fs.resolvePath(scope.dir, target));
        if (found) return found;
      } else return resolveModule(fs, target, fromFile, conditions);
    }
    throw Object.assign(new ModuleNotFound(spec, fromFile), { code: "ERR_PACKAGE_IMPORT_NOT_DEFINED" });
  }
  const [pkgName, subpath] = splitPackage(spec);
  // Self-reference: a package importing itself by the name in its package.json, through its own "exports".
  const self = nearestPackage(fs, from);
  if (self && self.json.name === pkgName && self.json.exports !== undefined) return fromExports(fs, self.dir, subpath ? `./${subpath}` : ".", conditions) as string;
  for (let dir = from; ; dir = dirOf(dir)) {
    const pkgDir = `${dir === "/" ? "" : dir}/node_modules/${pkgName}`;
    if (fs.isDirectory(pkgDir)) {
      const viaExports = fromExports(fs, pkgDir, subpath ? `./${subpath}` : ".", conditions);
      if (viaExports !== undefined) return viaExports;
      const found = subpath ? (tryFile(fs, `${pkgDir}/${subpath}`) ?? tryDir(fs, `${pkgDir}/${subpath}`, conditions)) : tryDir(fs, pkgDir, conditions);
      if (found) return found;
    }
    if (dir === "/") break;
  }
  throw new ModuleNotFound(spec, fromFile);
}

function nearestPackage(fs: MemFs, from: string): { dir: string; json: Record<string, unknown> } | undefined {
  for (let dir = from; ; dir = dirOf(dir)) {
    const json = readJson(fs, `${dir === "/" ? "" : dir}/package.json`);
    if (json) return { dir, json };
    if (dir === "/") return undefined;
  }
}

/** An "exports"/"imports" map entry for `key`: exact, else the longest matching `*` pattern (its match substituted). */
function matchMap(map: Record<string, unknown>, key: string, conditions: string[]): string | undefined {
  if (Object.hasOwn(map, key) && !key.includes("*")) return pick(map[key], conditions);
  let best: { base: string; match: string; value: unknown } | undefined;
  for (const [pattern, value] of Object.entries(map)) {
    const star = pattern.indexOf("*");
    if (star === -1) continue;
    const [prefix, suffix] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (key.startsWith(prefix) && key.endsWith(suffix) && key.length >= pattern.length - 1 && (!best || prefix.length > best.base.length))
      best = { base: prefix, match: key.slice(prefix.length, key.length - suffix.length), value };
  }
  if (!best) return undefined;
  const target = pick(best.value, conditions);
  return target?.split("*").join(best.match);
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

/** The file a package's "exports" maps `subpath` to; undefined when it has no "exports"; throws when it is not exported. */
function fromExports(fs: MemFs, pkgDir: string, subpath: string, conditions: string[]): string | undefined {
  const pkg = readJson(fs, `${pkgDir}/package.json`);
  let exports = pkg?.exports;
  if (exports === undefined || exports === null) return undefined;
  if (typeof exports === "string" || Array.isArray(exports) || !Object.keys(exports as object).some((k) => k.startsWith(".")))
    exports = { ".": exports };
  const target = matchMap(exports as Record<string, unknown>, subpath, conditions);
  const found = target ? tryFile(fs, fs.resolvePath(pkgDir, target)) : undefined;
  if (found) return found;
  throw new PackagePathNotExported(subpath, `${pkgDir}/package.json`);
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
