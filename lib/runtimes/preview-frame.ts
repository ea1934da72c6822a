// The IDE's preview iframe: how it is sandboxed, and which messages the IDE takes from it. The page in it is the
// project's own code (hostile by default): it may report errors and its address, and say that its files are gone,
// nothing else — and only the frame the IDE made may say so, from the preview's own origin.
import { previewExpiredSchema, previewLocationSchema, previewMessageSchema, type PreviewMessage } from "./preview-errors";

/**
 * What a static site needs: scripts, forms, dialogs (alert/confirm), popups (target=_blank, window.open), downloads,
 * and its own origin (one per preview session, never the IDE's nor the runtime's), so its storage works. Never
 * allow-top-navigation*: a click in a project's page must not navigate the IDE's tab. Without
 * allow-popups-to-escape-sandbox, the windows it opens are sandboxed the same way.
 */
export const PREVIEW_FRAME_SANDBOX = "allow-scripts allow-same-origin allow-forms allow-modals allow-popups allow-downloads";

export type PreviewFrameMessage =
  | { kind: "location"; path: string }
  | { kind: "expired" }
  | { kind: "report"; message: PreviewMessage };

/**
 * A message to the IDE's window, if it comes from the preview frame the IDE made (`frameWindow`) on the preview's
 * origin (`previewUrl`) and has an expected shape; else null. Checking the origin alone is not enough: a page can
 * nest frames of its own origin, and those are not the preview.
 */
export function previewFrameMessage(
  event: { origin: string; source: unknown; data: unknown },
  frameWindow: unknown,
  previewUrl: string | undefined,
): PreviewFrameMessage | null {
  if (!previewUrl || !frameWindow || event.source !== frameWindow) return null;
  let origin: string;
  try {
    origin = new URL(previewUrl).origin;
  } catch {
    return null;
  }
  if (event.origin !== origin) return null;
  const location = previewLocationSchema.safeParse(event.data);
  if (location.success) return { kind: "location", path: location.data.path };
  if (previewExpiredSchema.safeParse(event.data).success) return { kind: "expired" };
  const report = previewMessageSchema.safeParse(event.data);
  return report.success ? { kind: "report", message: report.data } : null;
}
