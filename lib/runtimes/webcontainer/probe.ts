// A quick hint that WebContainer's host cannot be reached. Offline, boot() never settles (see the runtimes notes), while
// a no-cors fetch to the same host fails in tens of milliseconds — so the fallback does not have to wait for the bound.
const HOST = "https://stackblitz.com/headless";

export async function probeWebContainerHost(timeoutMs = 1_500): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    await fetch(HOST, { mode: "no-cors", cache: "no-store", signal: controller.signal, credentials: "omit" });
    return null;
  } catch {
    return controller.signal.aborted ? null : "WebContainer's host (stackblitz.com) cannot be reached — no network?";
  } finally {
    clearTimeout(timer);
  }
}
