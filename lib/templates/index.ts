// The starter projects offered on Home. Templates are data: a list of [path, text] pairs.
import { nodeTests } from "./node-tests";
import { staticSite } from "./static-site";
import type { Template, TemplateId } from "./types";
import { viteReact } from "./vite-react";

export type { Template, TemplateId } from "./types";
export { templateIdSchema } from "./types";

const BY_ID: Readonly<Record<TemplateId, Template>> = {
  "static-site": staticSite,
  "node-tests": nodeTests,
  "vite-react": viteReact,
};

export const TEMPLATES: readonly Template[] = Object.values(BY_ID);

export function getTemplate(id: TemplateId): Template {
  return BY_ID[id];
}
