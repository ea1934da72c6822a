// Data shapes of the editor store (lib/workspace/editor-store.ts), apart so panels can import types without the store.
import type { ChangeOrigin } from "@/lib/project";

/** Unsaved text of a file, and the project version it was loaded from (a save based on an older one is a conflict). */
export interface Draft {
  content: string;
  baseVersion: number;
}

/** Where the cursor and the scroll were, so switching tabs and reloading put the user back where they were. */
export interface CursorView {
  line: number;
  column: number;
  scrollTop: number;
  scrollLeft: number;
}

/** The file changed (or vanished) in the project while the user had unsaved edits. Shown until they choose. */
export type Conflict =
  | { kind: "changed"; theirsVersion: number; origin: ChangeOrigin }
  | { kind: "deleted"; origin: ChangeOrigin };

/** A request to move the cursor in a file; the Monaco layer performs it and calls `consumeReveal`. */
export interface RevealRequest {
  path: string;
  line: number;
  column: number;
  nonce: number;
}

export type ProblemSeverity = "error" | "warning" | "info";

export interface Problem {
  path: string;
  line: number;
  column: number;
  severity: ProblemSeverity;
  message: string;
  code?: string;
}

export interface ProblemSummary {
  errors: number;
  warnings: number;
}

/** A keystroke typed where editing is not allowed (a shared project open read-only): the view offers to fork, and the
 * fork keeps it. Line and column are 1-based, where the text goes. */
export interface ReadOnlyEdit {
  path: string;
  line: number;
  column: number;
  text: string;
}
