// Reading a project from IndexedDB needs nothing from the workspace's code, so the page starts it while that code is
// still downloading; the workspace then takes the read that is already under way. One-shot: a later open (taking
// the project over from another tab) reads afresh.
import type { Result } from "../project";
import { loadProject, type LoadedProject } from "./projects";

const pending = new Map<string, Promise<Result<LoadedProject>>>();

export function prefetchProject(id: string): void {
  if (pending.has(id) || typeof indexedDB === "undefined") return;
  const read = loadProject(id);
  read.catch(() => undefined); // the taker sees the failure; nobody may be waiting yet
  pending.set(id, read);
}

/** The read started by prefetchProject, if any (and forgets it), else a new one. */
export function takeProjectRead(id: string): Promise<Result<LoadedProject>> {
  const read = pending.get(id);
  pending.delete(id);
  return read ?? loadProject(id);
}
