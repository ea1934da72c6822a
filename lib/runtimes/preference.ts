// Which runtime a project is set to (Auto, WebContainer or Offline), remembered per project in the browser. It used
// to be one setting for the whole browser: a WebContainer choice made where WebContainer cannot start then followed
// every project, new ones included. Synchronous storage on purpose: the runtime starts before anything async could
// answer (lib/runtimes/registry.prewarmRuntime runs while the project is still being read).
import type { RuntimePreference } from "./types";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The old browser-wide key; read never again, removed on sight. */
export const LEGACY_PREFERENCE_KEY = "tandem.runtimePreference";
const keyFor = (projectId: string) => `tandem.runtimePreference:${projectId}`;

function parse(value: string | null): RuntimePreference {
  return value === "offline" || value === "webcontainer" ? value : "auto";
}

export function readPreference(store: Store | undefined, projectId: string): RuntimePreference {
  if (!store) return "auto";
  try {
    store.removeItem(LEGACY_PREFERENCE_KEY);
    return parse(store.getItem(keyFor(projectId)));
  } catch {
    return "auto"; // storage refused (private mode, quota): Auto is always safe
  }
}

export function writePreference(store: Store | undefined, projectId: string, preference: RuntimePreference): void {
  if (!store) return;
  try {
    if (preference === "auto") store.removeItem(keyFor(projectId));
    else store.setItem(keyFor(projectId), preference);
  } catch {
    // Not remembered; this session still uses it.
  }
}
