import { Braces, File, FileCode, FileImage, FileJson, FileText, FileType, Folder, FolderOpen, Palette } from "lucide-react";
import { extname } from "@/lib/project/paths";

const BY_EXTENSION: Record<string, { icon: typeof File; color: string }> = {
  ts: { icon: FileCode, color: "text-sky-500" },
  tsx: { icon: FileCode, color: "text-sky-500" },
  mts: { icon: FileCode, color: "text-sky-500" },
  js: { icon: FileCode, color: "text-yellow-500" },
  jsx: { icon: FileCode, color: "text-yellow-500" },
  mjs: { icon: FileCode, color: "text-yellow-500" },
  cjs: { icon: FileCode, color: "text-yellow-500" },
  json: { icon: FileJson, color: "text-amber-500" },
  css: { icon: Palette, color: "text-fuchsia-500" },
  scss: { icon: Palette, color: "text-fuchsia-500" },
  html: { icon: Braces, color: "text-orange-500" },
  md: { icon: FileText, color: "text-muted" },
  txt: { icon: FileText, color: "text-muted" },
  png: { icon: FileImage, color: "text-emerald-500" },
  jpg: { icon: FileImage, color: "text-emerald-500" },
  jpeg: { icon: FileImage, color: "text-emerald-500" },
  gif: { icon: FileImage, color: "text-emerald-500" },
  svg: { icon: FileImage, color: "text-emerald-500" },
  webp: { icon: FileImage, color: "text-emerald-500" },
  woff: { icon: FileType, color: "text-muted" },
  woff2: { icon: FileType, color: "text-muted" },
};

/** An icon by file type (or a folder icon). Decorative: the name next to it is the accessible text. */
export function FileIcon({ path, folder, open, size = 15 }: { path: string; folder?: boolean; open?: boolean; size?: number }) {
  if (folder) {
    const Icon = open ? FolderOpen : Folder;
    return <Icon size={size} className="shrink-0 text-accent" aria-hidden />;
  }
  const entry = BY_EXTENSION[extname(path)];
  const Icon = entry?.icon ?? File;
  return <Icon size={size} className={`shrink-0 ${entry?.color ?? "text-muted"}`} aria-hidden />;
}
