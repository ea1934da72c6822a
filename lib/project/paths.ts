// Project paths are normalized POSIX paths relative to the project root ("src/app.ts"). The root itself is "".
// Everything that names a file — editor, agent tool arguments, runtime sync, zip import — goes through normalizePath.
import { err, ok, type Result } from "./result";

export const MAX_NAME_LENGTH = 255;
export const MAX_PATH_LENGTH = 1024;

export function normalizePath(input: unknown): Result<string> {
  if (typeof input !== "string") return err("invalid-path", "A path must be a string.");
  const raw = input.trim();
  if (raw === "" || raw === "." || raw === "./") return err("invalid-path", "The path is empty.", input);
  if (raw.includes("\0")) return err("invalid-path", "The path contains a NUL character.", input);
  if (raw.includes("\\")) return err("invalid-path", `Use "/" as the separator, not "\\": ${raw}`, input);
  if (raw.startsWith("/") || /^[a-zA-Z]:/.test(raw))
    return err("invalid-path", `Paths are relative to the project root; "${raw}" is absolute.`, input);
  const parts: string[] = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return err("invalid-path", `"${raw}" leaves the project ("..").`, input);
    if (/[\u0000-\u001f\u007f]/.test(part)) return err("invalid-path", `"${raw}" contains a control character.`, input);
    if (part.length > MAX_NAME_LENGTH)
      return err("invalid-path", `A name is longer than ${MAX_NAME_LENGTH} characters.`, input);
    parts.push(part);
  }
  if (parts.length === 0) return err("invalid-path", "The path is empty.", input);
  const path = parts.join("/");
  if (path.length > MAX_PATH_LENGTH) return err("invalid-path", `The path is longer than ${MAX_PATH_LENGTH} characters.`, input);
  return ok(path);
}

/** Validates a single file or folder name (no separators), e.g. from a rename box. */
export function validateName(name: string): Result<string> {
  const trimmed = name.trim();
  if (trimmed.includes("/")) return err("invalid-path", `A name cannot contain "/".`, name);
  if (trimmed === "." || trimmed === "..") return err("invalid-path", `"${trimmed}" is not a valid name.`, name);
  return normalizePath(trimmed);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i === -1 ? "" : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinPath(dir: string, name: string): string {
  return dir === "" ? name : `${dir}/${name}`;
}

export function extname(path: string): string {
  const name = basename(path);
  const i = name.lastIndexOf(".");
  return i <= 0 ? "" : name.slice(i + 1).toLowerCase();
}

/** True when `path` is `dir` itself or inside it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === "" || path === dir || path.startsWith(`${dir}/`);
}

/** Every ancestor folder of a path, outermost first: "a/b/c.ts" → ["a", "a/b"]. */
export function ancestors(path: string): string[] {
  const parts = path.split("/");
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join("/"));
  return out;
}
