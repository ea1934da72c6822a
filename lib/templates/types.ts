import { z } from "zod";

/** A starter project: plain data (paths and text), so Home, tests and the agent can all read it. */
export interface Template {
  id: TemplateId;
  name: string;
  description: string;
  /** Shown beside the name when the template only works with some runtimes. */
  label?: string;
  /** The file to open first. */
  entry: string;
  files: ReadonlyArray<readonly [path: string, content: string]>;
}

export const templateIdSchema = z.enum(["static-site", "node-tests", "vite-react"]);
export type TemplateId = z.infer<typeof templateIdSchema>;
