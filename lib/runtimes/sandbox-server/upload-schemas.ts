// Server-only (run by Node's type stripping: relative imports with .ts, erasable syntax only).
// zod schemas for the preview API's request bodies, typed by lib/runtimes/offline/preview-protocol.ts (what the
// sandbox page sends), so a change on one side that the other does not follow fails the type check.
import { z } from "zod";
import type { PreviewOp, PreviewUpload } from "../offline/preview-protocol.ts";
import { MAX_OPS_PER_UPLOAD } from "../offline/preview-protocol.ts";

/** A project-relative file path: no leading "/", no empty, "." or ".." segment, no NUL. */
const projectPath = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.includes("\0") && p.split("/").every((part) => part !== "" && part !== "." && part !== ".."), {
    message: "must be a project-relative path without empty, '.' or '..' segments",
  });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const previewOpSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("write"), path: projectPath, content: z.string(), base64: z.boolean().optional() }),
  z.strictObject({ type: z.literal("delete"), path: projectPath }),
  z.strictObject({ type: z.literal("mkdir"), path: projectPath }),
  z.strictObject({ type: z.literal("too-large"), path: projectPath, bytes: z.number().int().nonnegative() }),
]) satisfies z.ZodType<PreviewOp>;

export const previewUploadSchema = z
  .strictObject({ reset: z.boolean().optional(), ops: z.array(previewOpSchema).max(MAX_OPS_PER_UPLOAD) })
  .superRefine((upload, ctx) => {
    upload.ops.forEach((op, i) => {
      if (op.type === "write" && op.base64 && (op.content.length % 4 !== 0 || !BASE64.test(op.content)))
        ctx.addIssue({ code: "custom", path: ["ops", i, "content"], message: "is not base64" });
    });
  }) satisfies z.ZodType<PreviewUpload>;

/** POST PREVIEW_API takes an empty object (room for options later without a new route). */
export const previewCreateSchema = z.strictObject({});
