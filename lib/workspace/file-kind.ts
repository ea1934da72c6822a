// What kind of editor a project file gets: Monaco (with which language), or a message instead (binary, too large).
import type { FileContent } from "@/lib/project";
import { contentSize } from "@/lib/project";

/** Files larger than this are not opened in Monaco: it would freeze the tab. The user gets a message with the size. */
export const MAX_EDITOR_BYTES = 5 * 1024 * 1024;

/** Extensions whose files are TypeScript/JavaScript sources: every one of them gets a Monaco model for IntelliSense. */
const SCRIPT_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"]);

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ".ts": "typescript",
  ".tsx": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".json": "json",
  ".jsonc": "json",
  ".css": "css",
  ".scss": "scss",
  ".less": "less",
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".markdown": "markdown",
  ".mdx": "markdown",
  ".yml": "yaml",
  ".yaml": "yaml",
  ".xml": "xml",
  ".svg": "xml",
  ".sh": "shell",
  ".py": "python",
  ".sql": "sql",
};

const LANGUAGE_BY_NAME: Record<string, string> = {
  ".babelrc": "json",
  "tsconfig.json": "json",
  Dockerfile: "dockerfile",
};

function extension(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

/** The Monaco language id for a path; "plaintext" when we have nothing better. */
export function languageForPath(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return LANGUAGE_BY_NAME[name] ?? LANGUAGE_BY_EXTENSION[extension(path)] ?? "plaintext";
}

/** True for .ts/.tsx/.js/.jsx/.d.ts (and the .m/.c variants): files the TypeScript service must see. */
export function isScriptPath(path: string): boolean {
  return SCRIPT_EXTENSIONS.has(extension(path));
}

export type EditorKind =
  | { kind: "text"; language: string }
  | { kind: "binary"; size: number }
  | { kind: "too-large"; size: number };

/** Decides whether a file is shown in Monaco. Binary content and huge files get a message instead, never a hang. */
export function editorKindFor(path: string, content: FileContent): EditorKind {
  const size = contentSize(content);
  if (typeof content !== "string") return { kind: "binary", size };
  if (size > MAX_EDITOR_BYTES) return { kind: "too-large", size };
  return { kind: "text", language: languageForPath(path) };
}

/** "1.2 MB", "340 KB", "12 bytes" — sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
