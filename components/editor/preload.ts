// Starts downloading Monaco (~1 MB gzip) before the editor needs it. Cheap to import: it pulls in nothing else.
// The workspace route may call it as soon as it knows a workspace will show, e.g. while the project loads.
export const loadMonacoEditor = () => import("./MonacoEditor");

export function preloadEditor(): void {
  void loadMonacoEditor().catch(() => undefined); // a failed preload is retried by next/dynamic when rendering
}
