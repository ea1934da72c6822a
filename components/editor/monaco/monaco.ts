// The Monaco build Tandem uses: the editor core, its standard features, and only the languages we offer. Imported
// solely from modules loaded through next/dynamic(ssr: false) — importing it on the server fails the build, and
// keeping it out of the first load keeps the workspace fast. Everything comes from our own origin (no CDN).
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/css/register";
import "monaco-editor/languages/definitions/scss/register";
import "monaco-editor/languages/definitions/less/register";
import "monaco-editor/languages/definitions/html/register";
import "monaco-editor/languages/definitions/markdown/register";
import "monaco-editor/languages/definitions/yaml/register";
import "monaco-editor/languages/definitions/xml/register";
import "monaco-editor/languages/definitions/shell/register";
import "monaco-editor/languages/definitions/python/register";
import "monaco-editor/languages/definitions/sql/register";
import "monaco-editor/languages/definitions/dockerfile/register";
import * as typescript from "monaco-editor/languages/features/typescript/register";
import "monaco-editor/languages/features/json/register";
import "monaco-editor/languages/features/css/register";
import "monaco-editor/languages/features/html/register";

export type Monaco = typeof monaco;
export { monaco, typescript };

type WorkerFactory = () => Worker;

// Module workers, bundled from our own origin. Cross-origin isolation headers must cover /_next/static too, or the
// browser refuses them and Monaco silently falls back to the main thread (no diagnostics).
const workers: Record<string, WorkerFactory> = {
  typescript: () => new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), { type: "module", name: "typescript" }),
  json: () => new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module", name: "json" }),
  css: () => new Worker(new URL("monaco-editor/language/css/css.worker.js", import.meta.url), { type: "module", name: "css" }),
  html: () => new Worker(new URL("monaco-editor/language/html/html.worker.js", import.meta.url), { type: "module", name: "html" }),
  editor: () => new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module", name: "editor" }),
};

const WORKER_BY_LABEL: Record<string, keyof typeof workers> = {
  typescript: "typescript",
  javascript: "typescript",
  json: "json",
  css: "css",
  scss: "css",
  less: "css",
  html: "html",
  handlebars: "html",
  razor: "html",
};

interface MonacoEnvironmentLike {
  getWorker(workerId: string, label: string): Worker;
}

let configured = false;

/** One-time global setup: workers, TypeScript options, themes. Safe to call repeatedly. */
export function configureMonaco(): Monaco {
  if (configured) return monaco;
  configured = true;
  const env: MonacoEnvironmentLike = {
    getWorker: (_id, label) => (workers[WORKER_BY_LABEL[label] ?? "editor"] ?? workers.editor!)(),
  };
  (globalThis as { MonacoEnvironment?: MonacoEnvironmentLike }).MonacoEnvironment = env;
  configureTypeScript();
  defineThemes();
  return monaco;
}

function configureTypeScript(): void {
  const { typescriptDefaults, javascriptDefaults } = typescript;
  const compilerOptions = {
    target: typescript.ScriptTarget.ESNext,
    module: typescript.ModuleKind.ESNext,
    // 100 = Bundler: resolves "./x.js" to x.ts and extensionless relative imports, like Vite and Next do.
    moduleResolution: 100 as typescript.ModuleResolutionKind,
    jsx: typescript.JsxEmit.ReactJSX,
    allowJs: true,
    checkJs: false,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    isolatedModules: true,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
    allowNonTsExtensions: true,
    noEmit: true,
  };
  for (const defaults of [typescriptDefaults, javascriptDefaults]) {
    defaults.setCompilerOptions(compilerOptions);
    // Every project file is a model; the worker must see them all for imports between them to resolve.
    defaults.setEagerModelSync(true);
  }
  // Plain JS gets syntax errors only (like checkJs: false); TS gets the full check.
  javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
}

const AMBIENT_LIB_PATH = "file:///node_modules/@types/tandem-ambient/index.d.ts";

/** Replaces the ambient declarations (see lib/workspace/ambient-types.ts) both language services see. */
export function setAmbientTypes(text: string): void {
  typescript.typescriptDefaults.addExtraLib(text, AMBIENT_LIB_PATH);
  typescript.javascriptDefaults.addExtraLib(text, AMBIENT_LIB_PATH);
}

function defineThemes(): void {
  monaco.editor.defineTheme("tandem-light", {
    base: "vs",
    inherit: true,
    rules: [],
    colors: { "editor.background": "#ffffff", "editorGutter.background": "#ffffff" },
  });
  monaco.editor.defineTheme("tandem-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [],
    colors: { "editor.background": "#16181d", "editorGutter.background": "#16181d" },
  });
}

/** The Monaco theme for the app's `data-theme` on <html>. */
export function themeForDocument(): "tandem-light" | "tandem-dark" {
  return document.documentElement.dataset.theme === "dark" ? "tandem-dark" : "tandem-light";
}
