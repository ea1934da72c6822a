// Feeds Monaco's markers (TypeScript, JSON, CSS, HTML diagnostics) into the editor store, where the Problems panel
// and the status bar read them without loading Monaco themselves.
import type { EditorStore, Problem, ProblemSeverity } from "@/lib/workspace/editor-store";
import type { Monaco } from "./monaco";
import { pathForUri } from "./project-models";

const PUBLISH_DELAY_MS = 150;

function severityOf(monaco: Monaco, severity: number): ProblemSeverity | null {
  if (severity === monaco.MarkerSeverity.Error) return "error";
  if (severity === monaco.MarkerSeverity.Warning) return "warning";
  if (severity === monaco.MarkerSeverity.Info) return "info";
  return null; // hints ("unused variable" fading) are not problems
}

/** Starts mirroring markers into the store; returns the stop function. */
export function mirrorProblems(monaco: Monaco, store: EditorStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const publish = () => {
    timer = null;
    const problems: Problem[] = [];
    for (const marker of monaco.editor.getModelMarkers({})) {
      const path = pathForUri(marker.resource);
      const severity = severityOf(monaco, marker.severity);
      if (path === null || severity === null || !monaco.editor.getModel(marker.resource)) continue;
      const code = typeof marker.code === "string" ? marker.code : marker.code?.value;
      problems.push({
        path,
        line: marker.startLineNumber,
        column: marker.startColumn,
        severity,
        message: marker.message,
        ...(code ? { code } : {}),
      });
    }
    store.getState().setProblems(problems);
  };
  const subscription = monaco.editor.onDidChangeMarkers(() => {
    if (timer === null) timer = setTimeout(publish, PUBLISH_DELAY_MS);
  });
  publish();
  return () => {
    subscription.dispose();
    if (timer !== null) clearTimeout(timer);
  };
}
