import type { FileNode } from "./types";

/**
 * A whole-tree snapshot (checkpoint). Cheap because file nodes and their contents are immutable and shared with the
 * live project: taking one copies two collections of references, never file contents.
 */
export interface Snapshot {
  readonly seq: number;
  readonly takenAt: number;
  readonly files: ReadonlyMap<string, FileNode>;
  readonly dirs: ReadonlySet<string>;
}
