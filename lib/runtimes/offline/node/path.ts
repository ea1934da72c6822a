// node:path (POSIX only — the runtime is a POSIX shell).
import { normalizeAbs } from "../mem-fs";

function normalize(p: string): string {
  if (p === "") return ".";
  const abs = p.startsWith("/");
  const trailing = p.endsWith("/");
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else if (!abs) parts.push("..");
    } else parts.push(part);
  }
  let out = (abs ? "/" : "") + parts.join("/");
  if (!out) out = abs ? "/" : ".";
  return trailing && out !== "/" ? `${out}/` : out;
}

export function makePath(cwd: () => string) {
  const path = {
    sep: "/",
    delimiter: ":",
    normalize,
    join: (...parts: string[]) => normalize(parts.filter((p) => p !== "").join("/") || "."),
    resolve: (...parts: string[]) => {
      let out = "";
      for (let i = parts.length - 1; i >= 0 && !out.startsWith("/"); i--) out = `${parts[i]}/${out}`;
      if (!out.startsWith("/")) out = `${cwd()}/${out}`;
      return normalizeAbs(out);
    },
    isAbsolute: (p: string) => p.startsWith("/"),
    dirname: (p: string) => {
      const s = p.replace(/\/+$/, "");
      const i = s.lastIndexOf("/");
      return i === -1 ? "." : i === 0 ? "/" : s.slice(0, i);
    },
    basename: (p: string, ext?: string) => {
      const b = p.replace(/\/+$/, "").split("/").pop() ?? "";
      return ext && b.endsWith(ext) && b !== ext ? b.slice(0, -ext.length) : b;
    },
    extname: (p: string) => {
      const b = path.basename(p);
      const i = b.lastIndexOf(".");
      return i <= 0 ? "" : b.slice(i);
    },
    relative: (from: string, to: string) => {
      const a = path.resolve(from).split("/").filter(Boolean);
      const b = path.resolve(to).split("/").filter(Boolean);
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
    },
    parse: (p: string) => {
      const base = path.basename(p);
      const ext = path.extname(p);
      return { root: p.startsWith("/") ? "/" : "", dir: path.dirname(p), base, ext, name: ext ? base.slice(0, -ext.length) : base };
    },
    format: (o: { dir?: string; base?: string; name?: string; ext?: string }) =>
      `${o.dir ? `${o.dir}/` : ""}${o.base ?? `${o.name ?? ""}${o.ext ?? ""}`}`,
    toNamespacedPath: (p: string) => p,
  };
  return Object.assign(path, { posix: path, default: path });
}
