// An ES module receives the runtime's process, console, timers and Buffer through a `const {…} = …` prologue. A
// module that binds one of those names itself (`import process from "node:process"`,
// `import { setTimeout } from "node:timers/promises"`, `import { Buffer } from "node:buffer"`) would then declare it
// twice, a SyntaxError: this finds such names so the prologue leaves them out.
import type { ImportSpecifier } from "es-module-lexer";

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Local names bound by one `import … from "…"` statement. */
export function importBindings(statement: string): string[] {
  const m = statement.match(/^import\s+([\s\S]*?)\s+from\s*["']/);
  if (!m?.[1]) return [];
  let clause = m[1].replace(/^type\s+/, "");
  const names: string[] = [];
  const braces = clause.match(/\{([\s\S]*)\}/);
  if (braces?.[1] !== undefined) {
    for (const part of braces[1].split(",")) {
      const spec = part.trim().replace(/^type\s+/, "");
      const local = spec.split(/\s+as\s+/).pop()?.trim() ?? "";
      if (IDENT.test(local)) names.push(local);
    }
    clause = clause.replace(braces[0], "");
  }
  const namespace = clause.match(/\*\s*as\s+([A-Za-z_$][\w$]*)/);
  if (namespace?.[1]) names.push(namespace[1]);
  const defaultName = clause.replace(/\*\s*as\s+[A-Za-z_$][\w$]*/, "").split(",")[0]?.trim() ?? "";
  if (IDENT.test(defaultName)) names.push(defaultName);
  return names;
}

/** Which of `names` the module declares itself (imports, or const/let/var/function/class declarations). */
export function selfBoundNames(source: string, imports: readonly ImportSpecifier[], names: readonly string[]): Set<string> {
  const bound = new Set<string>();
  for (const imp of imports) {
    if (imp.d !== -1) continue;
    for (const name of importBindings(source.slice(imp.ss, imp.se))) if (names.includes(name)) bound.add(name);
  }
  for (const name of names) {
    if (bound.has(name)) continue;
    const plain = new RegExp(`(^|[^.\\w$])(const|let|var|class|function\\s*\\*?)\\s+${name.replace("$", "\\$")}(?![\\w$])`);
    // Destructuring: `const { Buffer } = await import("node:buffer")` (but not a renamed key: `{ setTimeout: wait }`).
    const pattern = new RegExp(`(^|[^.\\w$])(const|let|var)\\s*[{[][^=;]*(?<![\\w$.])${name}(?![\\w$]|\\s*:)[^=;]*[}\\]]\\s*=`);
    if (plain.test(source) || pattern.test(source)) bound.add(name);
  }
  return bound;
}
