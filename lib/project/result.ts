// Errors are values: every fallible operation in lib/ returns a Result the caller (user, model) can act on.
export type Result<T, E = ProjectError> = { ok: true; value: T } | { ok: false; error: E };

export type ProjectErrorCode =
  | "invalid-path"
  | "not-found"
  | "already-exists"
  | "not-a-directory"
  | "is-a-directory"
  | "conflict"
  | "too-large"
  | "invalid-input";

export interface ProjectError {
  code: ProjectErrorCode;
  message: string;
  path?: string;
}

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ProjectErrorCode, message: string, path?: string): Result<never> => ({
  ok: false,
  error: path === undefined ? { code, message } : { code, message, path },
});
