// Loads a program's modules from the runtime's file system. CommonJS runs through a function wrapper (same line
// numbers, sourceURL = the file path, so stack traces name real files). ES modules become blob/data URL modules
// whose import specifiers are rewritten to the URLs of their dependencies, so the engine's own ESM semantics apply
// (live bindings, top-level await). TypeScript is compiled beforehand by an injected transformer (esbuild-wasm).
import { init as initLexer, parse as parseImports } from "es-module-lexer";
import type { MemFs } from "../mem-fs";
import { selfBoundNames } from "./esm-scope";
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
  private cache = new Map<string, CjsModule>();
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
    await initLexer;
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
      for (const spec of scanSpecifiers(source)) {
        if (builtinName(spec)) continue;
        try {
          stack.push(resolveModule(this.host.fs, spec, path, ESM_CONDITIONS));
        } catch {
          // Reported when the program actually loads it.
        }
      }
    }
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
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const source = this.host.fs.readTextSync(path);
    const format = moduleFormat(this.host.fs, path, source);
    const mod: CjsModule = { exports: {}, id: path, filename: path, loaded: false, children: [], paths: [] };
    this.cache.set(path, mod);
    if (format === "json") {
      mod.exports = JSON.parse(source);
    } else if (format === "esm") {
      this.cache.delete(path);
      const error = new Error(`require() of ES Module ${path} from ${fromFile} is not supported by the offline runtime. Use import instead.`);
      Object.assign(error, { code: "ERR_REQUIRE_ESM" });
      throw error;
    } else {
      // The scope names come from an enclosing function, so `const { Buffer } = require("buffer")` in the module
      // shadows them instead of redeclaring a parameter (a SyntaxError). All on line 1: line numbers stay true.
      const outer = indirectEval(
        `(function (${SCOPE_NAMES.join(", ")}) { return function (exports, require, module, __filename, __dirname) {${this.source(path)}\n}; })\n//# sourceURL=${path}`,
      ) as (...globals: unknown[]) => (...args: unknown[]) => void;
      const wrapper = outer(...SCOPE_NAMES.map((n) => this.globals[n]));
      const require = this.makeRequire(path);
      try {
        wrapper.call(mod.exports, mod.exports, require, mod, path, dirOf(path));
      } catch (error) {
        this.cache.delete(path);
        throw error;
      }
    }
    mod.loaded = true;
    return mod.exports;
  }

  makeRequire(fromFile: string) {
    const require = (spec: string) => this.require(spec, fromFile);
    return Object.assign(require, {
      resolve: (spec: string) => builtinName(spec) ?? resolveModule(this.host.fs, spec, fromFile, CJS_CONDITIONS),
      cache: this.cache,
      main: undefined,
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
    const path = resolveModule(this.host.fs, spec, fromFile, ESM_CONDITIONS);
    const format = moduleFormat(this.host.fs, path, this.host.fs.readTextSync(path));
    if (format === "esm") return this.esmUrl(path);
    const exports = this.require(path, fromFile);
    return this.shim(`globalThis.__tandem.require(${JSON.stringify(path)})`, format === "json" ? {} : exports);
  }

  /** A module that re-exports an object's properties as named exports (builtins, CommonJS, JSON). */
  private shim(expression: string, value: unknown): string {
    const names =
      typeof value === "object" || typeof value === "function"
        ? Object.keys(value as object).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== "default")
        : [];
    const code = `const m = ${expression}; /* program ${this.program} */\nexport default m;\n${names.map((n) => `export const ${n} = m[${JSON.stringify(n)}];`).join("\n")}`;
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

/** Import/require specifiers found by a cheap scan (used only to find TypeScript files to compile ahead). */
export function scanSpecifiers(source: string): string[] {
  const out: string[] = [];
  const re = /(?:require\s*\(\s*|import\s*\(\s*|from\s*|import\s+)["']([^"'\n]+)["']/g;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[1]) out.push(m[1]);
  return out;
}
