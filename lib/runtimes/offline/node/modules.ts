// Loads a program's modules from the runtime's file system. CommonJS runs through a function wrapper (same line
// numbers, sourceURL = the file path, so stack traces name real files). ES modules become blob/data URL modules
// whose import specifiers are rewritten to the URLs of their dependencies, so the engine's own ESM semantics apply
// (live bindings, top-level await). TypeScript is compiled beforehand by an injected transformer (esbuild-wasm).
import { init as initLexer, parse as parseImports } from "es-module-lexer";
import { init as initCjsLexer, parse as parseCjs } from "cjs-module-lexer";
import type { MemFs } from "../mem-fs";
import { selfBoundNames } from "./esm-scope";
import { syntaxErrorSource } from "./errors";
import { builtinName, dirOf, isTypeScript, moduleFormat, resolveModule } from "./resolve";

export interface ModuleHost {
  fs: MemFs;
  /** Makes an importable URL for module source (blob: in browsers, data: in Node tests). */
  moduleUrl(code: string): string;
  transformTs?(code: string, path: string, format: "esm" | "cjs"): Promise<string>;
  /** Imports a module URL; defaults to the engine's import(). */
  importModule?(url: string): Promise<unknown>;
}

/** Names every module scope receives, so programs see the runtime's process/console/timers rather than the host's. */
export const SCOPE_NAMES = [
  "process", "console", "setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate", "clearImmediate", "global",
  "Buffer", "fetch",
] as const;

export type ScopeGlobals = Record<(typeof SCOPE_NAMES)[number], unknown>;

/** The CommonJS wrapper's text before a module's first line (kept on that line so line numbers stay true). */
const CJS_PREFIX = `(function (${SCOPE_NAMES.join(", ")}) { return function (exports, require, module, __filename, __dirname) {`;
/** How far the wrapper moves columns of a module's first line (the error printer takes it off again). */
export const CJS_WRAPPER_COLUMNS = CJS_PREFIX.length;

interface CjsModule {
  exports: unknown;
  id: string;
  filename: string;
  loaded: boolean;
  children: CjsModule[];
  paths: string[];
}

const ESM_CONDITIONS = ["import", "node", "default"];
const CJS_CONDITIONS = ["require", "node", "default"];
const indirectEval = eval;
/** Makes each program's generated module text unique: engines cache modules by URL, and data: URLs are content. */
let programCount = 0;
// Kept out of the bundler's sight: a literal import() would be rewritten at build time.
const engineImport = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;

export class ModuleLoader {
  /** require.cache: module objects by file path (an object, as in Node, so programs can read and delete entries). */
  private cache: Record<string, CjsModule> = Object.create(null) as Record<string, CjsModule>;
  /** The main module once it runs (require.main). */
  private main: CjsModule | undefined;
  private esmUrls = new Map<string, Promise<string>>();
  private esmInProgress = new Set<string>();
  private compiled = new Map<string, string>();
  /** module URL → file path, to turn blob:/data: URLs in stack traces back into file names. */
  readonly urlToPath = new Map<string, string>();

  private dynamicImport: (url: string) => Promise<unknown>;
  private readonly program = ++programCount;

  constructor(
    private host: ModuleHost,
    private builtin: (name: string) => unknown,
    private globals: ScopeGlobals,
    /** Makes a builtin loadable before an import() reaches it (builtins whose code is fetched on demand). */
    private loadBuiltin: (name: string) => Promise<void> = async () => {},
  ) {
    this.dynamicImport = host.importModule ?? engineImport;
  }

  /**
   * Compiles the TypeScript files a program can reach, before it runs (require() is synchronous), and shows each
   * reachable file's source to `visit` (which builtins to fetch ahead is decided from it).
   */
  async prepare(entry: string, visit: (source: string) => void = () => {}): Promise<void> {
    let usesModules = false;
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length) {
      const path = stack.pop() as string;
      if (seen.has(path) || !this.host.fs.isFile(path)) continue;
      seen.add(path);
      const source = this.host.fs.readTextSync(path);
      visit(source);
      if (isTypeScript(path)) {
        if (!this.host.transformTs) throw new Error(`TypeScript is not available to compile ${path}.`);
        const format = moduleFormat(this.host.fs, path, source) === "esm" ? "esm" : "cjs";
        this.compiled.set(path, await this.host.transformTs(source, path, format));
      }
      if (/\b(import|export)\b/.test(source)) usesModules = true;
      for (const spec of scanSpecifiers(source)) {
        if (builtinName(spec)) continue;
        try {
          stack.push(resolveModule(this.host.fs, spec, path, ESM_CONDITIONS));
        } catch {
          // Reported when the program actually loads it.
        }
      }
    }
    // The lexers (WebAssembly) only for programs with ES syntax: a plain CommonJS program starts without them.
    if (usesModules) await Promise.all([initLexer, initCjsLexer()]);
  }

  /** import() in CommonJS resolves from the module's own file, through the loader (the engine would resolve it from
   * the runtime's script URL). */
  private withDynamicImports(source: string, path: string): string {
    if (!source.includes("import")) return source;
    let imports: ReturnType<typeof parseImports>[0];
    try {
      [imports] = parseImports(source, path);
    } catch {
      return source;
    }
    let code = source;
    for (const imp of imports.filter((i) => i.d > -1).sort((a, b) => b.ss - a.ss))
      code = `${code.slice(0, imp.ss)}globalThis.__tandem.dyn(${JSON.stringify(path)})${code.slice(imp.ss + 6)}`;
    return code;
  }

  /** True for files this program loaded as ES modules. */
  isEsm(path: string): boolean {
    return this.esmUrls.has(path);
  }

  /** The compiled code of a TypeScript file (with its inline source map), when it was compiled. */
  compiledSource(path: string): string | undefined {
    return this.compiled.get(path);
  }

  source(path: string): string {
    return this.compiled.get(path) ?? this.host.fs.readTextSync(path).replace(/^#!.*/, "");
  }

  /** Runs a file as the main module, in the format Node would choose. */
  async runMain(path: string): Promise<void> {
    const format = moduleFormat(this.host.fs, path, this.host.fs.readTextSync(path));
    if (format === "esm") await this.dynamicImport(await this.esmUrl(path));
    else this.require(path, "/");
  }

  require(spec: string, fromFile: string): unknown {
    const name = builtinName(spec);
    if (name !== null) return this.builtin(name);
    const path = resolveModule(this.host.fs, spec, fromFile, CJS_CONDITIONS);
    const cached = this.cache[path];
    if (cached) return cached.exports;
    const source = this.host.fs.readTextSync(path);
    const format = moduleFormat(this.host.fs, path, source);
    const mod: CjsModule = { exports: {}, id: fromFile === "/" ? "." : path, filename: path, loaded: false, children: [], paths: [] };
    if (fromFile === "/") this.main = mod;
    this.cache[path] = mod;
    if (format === "json") {
      try {
        mod.exports = JSON.parse(source);
      } catch (error) {
        delete this.cache[path];
        if (error instanceof Error) error.message = `${path}: ${error.message}`;
        throw error;
      }
    } else if (format === "esm") {
      delete this.cache[path];
      const error = new Error(`require() of ES Module ${path} from ${fromFile} is not supported by the offline runtime. Use import instead.`);
      Object.assign(error, { code: "ERR_REQUIRE_ESM" });
      throw error;
    } else {
      // The scope names come from an enclosing function, so `const { Buffer } = require("buffer")` in the module
      // shadows them instead of redeclaring a parameter (a SyntaxError). All on line 1: line numbers stay true.
      let outer: (...globals: unknown[]) => (...args: unknown[]) => void;
      try {
        outer = indirectEval(`${CJS_PREFIX}${this.withDynamicImports(this.source(path), path)}\n}; })\n//# sourceURL=${path}`) as typeof outer;
      } catch (error) {
        // Not cached: a later require() of a file that does not parse fails again, as in Node.
        delete this.cache[path];
        if (error instanceof SyntaxError && !this.compiled.has(path)) syntaxErrorSource.set(error, { path, source: this.source(path) });
        throw error;
      }
      const wrapper = outer(...SCOPE_NAMES.map((n) => this.globals[n]));
      const require = this.makeRequire(path);
      try {
        wrapper.call(mod.exports, mod.exports, require, mod, path, dirOf(path));
      } catch (error) {
        delete this.cache[path];
        throw error;
      }
    }
    mod.loaded = true;
    return mod.exports;
  }

  makeRequire(fromFile: string) {
    const require = (spec: string) => this.require(spec, fromFile);
    Object.defineProperty(require, "main", { get: () => this.main, enumerable: true });
    return Object.assign(require, {
      resolve: (spec: string) => (builtinName(spec) !== null ? spec : resolveModule(this.host.fs, spec, fromFile, CJS_CONDITIONS)),
      cache: this.cache,
    });
  }

  /** Dynamic import() from a module at `fromFile`. */
  async importFrom(spec: string, fromFile: string): Promise<unknown> {
    return this.dynamicImport(await this.dependencyUrl(spec, fromFile));
  }

  private async dependencyUrl(spec: string, fromFile: string): Promise<string> {
    const name = builtinName(spec);
    if (name !== null) {
      await this.loadBuiltin(name);
      return this.shim(`globalThis.__tandem.builtin(${JSON.stringify(name)})`, this.builtin(name));
    }
    let path: string;
    try {
      path = resolveModule(this.host.fs, spec, fromFile, ESM_CONDITIONS);
    } catch (error) {
      throw esmNotFound(error, spec, fromFile, this.host.fs.resolvePath(dirOf(fromFile), spec));
    }
    const format = moduleFormat(this.host.fs, path, this.host.fs.readTextSync(path));
    if (format === "esm") return this.esmUrl(path);
    this.require(path, fromFile);
    if (format !== "json") await initCjsLexer();
    const names = format === "json" ? [] : [...this.cjsExportNames(path, new Set()), "module.exports"];
    return this.shim(`globalThis.__tandem.require(${JSON.stringify(path)})`, names);
  }

  /** A CommonJS module's named exports as Node finds them: cjs-module-lexer's static analysis, re-exports followed. */
  private cjsExportNames(path: string, seen: Set<string>): string[] {
    if (seen.has(path) || !this.host.fs.isFile(path)) return [];
    seen.add(path);
    try {
      const { exports, reexports } = parseCjs(this.source(path));
      const names = new Set(exports);
      for (const spec of reexports) {
        try {
          for (const n of this.cjsExportNames(resolveModule(this.host.fs, spec, path, CJS_CONDITIONS), seen)) names.add(n);
        } catch {
          // A re-export that cannot be resolved adds nothing, as in Node.
        }
      }
      names.delete("default");
      return [...names];
    } catch {
      return [];
    }
  }

  /** A module that re-exports a value's properties as named exports (builtins, CommonJS, JSON). */
  private shim(expression: string, value: unknown): string {
    const names = Array.isArray(value)
      ? (value as string[])
      : typeof value === "object" || typeof value === "function"
        ? Object.keys(value as object).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== "default")
        : [];
    const lines = names.map((n, i) => (/^[A-Za-z_$][\w$]*$/.test(n) ? `export const ${n} = m[${JSON.stringify(n)}];` : `const e${i} = ${n === "module.exports" ? "m" : `m[${JSON.stringify(n)}]`}; export { e${i} as ${JSON.stringify(n)} };`));
    const code = `const m = ${expression}; /* program ${this.program} */\nexport default m;\n${lines.join("\n")}`;
    return this.host.moduleUrl(code);
  }

  private esmUrl(path: string): Promise<string> {
    const existing = this.esmUrls.get(path);
    if (existing) {
      if (this.esmInProgress.has(path))
        return Promise.reject(new Error(`Circular imports (${path}) are not supported by the offline runtime.`));
      return existing;
    }
    const promise = this.buildEsm(path);
    this.esmUrls.set(path, promise);
    return promise;
  }

  private async buildEsm(path: string): Promise<string> {
    this.esmInProgress.add(path);
    try {
      await initLexer;
      const source = this.source(path);
      const [imports] = parseImports(source, path);
      const edits: Array<{ start: number; end: number; text: string }> = [];
      for (const imp of imports) {
        // Import attributes (`with { type: "json" }`): the dependency becomes a JavaScript module here.
        if (imp.a > -1 && imp.d === -1) edits.push({ start: imp.e + 1, end: closingBrace(source, imp.a) + 1, text: "" });
        if (imp.d === -2) edits.push({ start: imp.s, end: imp.e, text: "__tandem_meta" });
        else if (imp.d > -1) edits.push({ start: imp.ss, end: imp.ss + 6, text: `globalThis.__tandem.dyn(${JSON.stringify(path)})` });
        else if (imp.n !== undefined) edits.push({ start: imp.s, end: imp.e, text: await this.dependencyUrl(imp.n, path) });
      }
      let code = source;
      for (const edit of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
      const own = selfBoundNames(source, imports, SCOPE_NAMES);
      const prologue =
        `const {${SCOPE_NAMES.filter((n) => !own.has(n)).join(", ")}} = globalThis.__tandem.globals; ` +
        `const __tandem_meta = globalThis.__tandem.meta(${JSON.stringify(path)}); /* program ${this.program} */ `;
      const url = this.host.moduleUrl(`${prologue}${code}\n//# sourceURL=${path}`);
      this.urlToPath.set(url, path);
      return url;
    } finally {
      this.esmInProgress.delete(path);
    }
  }
}

/** Compiles the module lexers ahead (a spare process Worker does it while it waits). */
export function warmUp(): Promise<void> {
  return Promise.all([initLexer, initCjsLexer()]).then(() => undefined);
}

/** Where the `{…}` that starts at `open` ends (import attributes hold only plain keys and strings). */
function closingBrace(source: string, open: number): number {
  const end = source.indexOf("}", open);
  return end === -1 ? source.length - 1 : end;
}

/** import's "not found" errors, as Node's ESM loader words them. */
function esmNotFound(error: unknown, spec: string, fromFile: string, abs: string): unknown {
  if (!(error instanceof Error) || (error as { code?: string }).code !== "MODULE_NOT_FOUND") return error;
  const relative = spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("file:");
  const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
  const message = relative ? `Cannot find module '${abs}' imported from ${fromFile}` : `Cannot find package '${pkg}' imported from ${fromFile}`;
  return Object.assign(new Error(message), { code: "ERR_MODULE_NOT_FOUND", url: relative ? `file://${abs}` : undefined });
}

/** Import/require specifiers found by a cheap scan (used only to find TypeScript files to compile ahead). */
export function scanSpecifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:require\s*\(\s*|import\s*\(\s*|from\s*|import\s+)["']([^"'\n]+)["']/g;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[1]) out.push(m[1]);
  return out;
}
