// Helpers for the shares e2e specs: publish straight through the API (what the Share dialog does, tested in
// shares-publish.spec.ts), so a spec can start at the viewer.
import { shareApi } from "../lib/shares/client/api";
import { publish, type PublishOptions } from "../lib/shares/client/publish";
import { baseURL } from "../playwright.config";

export const api = () => shareApi({ base: baseURL });

export async function publishFiles(files: Record<string, string>, options: Omit<PublishOptions, "files"> = {}) {
  const { result } = await publish(api(), { files: Object.entries(files).map(([path, content]) => ({ path, content })), ...options });
  return { id: result.id, secret: result.ownerSecret!, version: result.version };
}
