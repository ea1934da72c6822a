export { normalizePath, validateName, dirname, basename, joinPath, extname, isWithin, ancestors, MAX_NAME_LENGTH, MAX_PATH_LENGTH } from "./paths";
export { Project, MAX_FILE_BYTES, type ChangeListener, type ProjectInit } from "./project";
export type { Result, ProjectError, ProjectErrorCode } from "./result";
export { ok, err } from "./result";
export type { Snapshot } from "./snapshot";
export type { ChangeEvent, ChangeOp, ChangeOrigin, FileContent, FileNode, WriteOptions } from "./types";
export { contentSize } from "./types";
