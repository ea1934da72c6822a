/** Text is stored as a string, anything else as bytes. Contents are treated as immutable once stored. */
export type FileContent = string | Uint8Array;

/** Who made a change. Everything that edits the project says so; the change log and the UI show it. */
export type ChangeOrigin = "user" | "agent" | "runtime" | "system";

export interface FileNode {
  path: string;
  content: FileContent;
  /** The change-log sequence number of the change that last wrote this file. Edits based on an older one conflict. */
  version: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

/** One operation on the tree. Applying the same operations in order to the same tree gives the same tree (replay). */
export type ChangeOp =
  | { type: "write"; path: string; content: FileContent }
  | { type: "delete"; path: string }
  | { type: "mkdir"; path: string }
  | { type: "rename"; from: string; to: string };

export interface ChangeEvent {
  /** Strictly increasing within a project. */
  seq: number;
  at: number;
  origin: ChangeOrigin;
  op: ChangeOp;
  /** Changes made together (a checkpoint restore, an import, a multi-edit) share a batch id. */
  batch?: string;
}

export interface WriteOptions {
  origin: ChangeOrigin;
  /** The version the writer last saw (0: it saw no file). A different current version is a conflict, never a silent
   * overwrite. */
  baseVersion?: number;
  batch?: string;
}

export function contentSize(content: FileContent): number {
  return typeof content === "string" ? utf8Length(content) : content.byteLength;
}

function utf8Length(text: string): number {
  // Counting without allocating: the tree shows sizes of thousands of files.
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
