// Type declarations that let a project without node_modules type-check: the packages its package.json declares (and
// Node's built-ins) become `any`-typed modules. Undeclared packages and relative imports with typos still error.
import { z } from "zod";

const packageJsonSchema = z.object({
  dependencies: z.record(z.string(), z.unknown()).optional(),
  devDependencies: z.record(z.string(), z.unknown()).optional(),
  peerDependencies: z.record(z.string(), z.unknown()).optional(),
  optionalDependencies: z.record(z.string(), z.unknown()).optional(),
});

/** A valid npm package name (optionally scoped); anything else is skipped rather than put into a declaration. */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** Package names from package.json text; [] when it is missing or malformed (a broken file must not break typing). */
export function declaredPackages(packageJsonText: string | null): string[] {
  if (!packageJsonText) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(packageJsonText);
  } catch {
    return [];
  }
  const parsed = packageJsonSchema.safeParse(raw);
  if (!parsed.success) return [];
  const { dependencies, devDependencies, peerDependencies, optionalDependencies } = parsed.data;
  const names = new Set<string>();
  for (const group of [dependencies, devDependencies, peerDependencies, optionalDependencies])
    for (const name of Object.keys(group ?? {})) if (PACKAGE_NAME.test(name)) names.add(name);
  return [...names].sort();
}

const BASE = `declare module "node:*";
declare var process: { env: Record<string, string | undefined>; argv: string[]; exit(code?: number): never; cwd(): string; [key: string]: any };
declare namespace JSX {
  interface Element { [key: string]: any }
  interface IntrinsicElements { [name: string]: any }
}
`;

/** The text of an ambient .d.ts for the given packages. */
export function ambientDeclarations(packages: readonly string[]): string {
  const modules = packages.map((name) => `declare module ${JSON.stringify(name)};\ndeclare module ${JSON.stringify(`${name}/*`)};`);
  return `${BASE}${modules.join("\n")}\n`;
}
