import { describe, expect, it } from "vitest";
import { PREVIEW_FRAME_SANDBOX, previewFrameMessage } from "./preview-frame";

const url = "http://0123456789abcdef0123456789abcdef.localhost:3001/";
const origin = new URL(url).origin;
const frame = { name: "the preview frame's window" };
const nested = { name: "a frame the page made itself" };

describe("preview frame", () => {
  it("is sandboxed without top navigation and without letting its popups escape", () => {
    expect(PREVIEW_FRAME_SANDBOX).toContain("allow-scripts");
    expect(PREVIEW_FRAME_SANDBOX).toContain("allow-same-origin");
    expect(PREVIEW_FRAME_SANDBOX).not.toMatch(/allow-top-navigation|allow-popups-to-escape-sandbox/);
  });

  it("takes messages only from the frame it made, on the preview's origin, in an expected shape", () => {
    const error = { __tandemPreview: true, kind: "error", message: "boom" };
    expect(previewFrameMessage({ origin, source: frame, data: error }, frame, url)).toEqual({ kind: "report", message: error });
    expect(previewFrameMessage({ origin, source: frame, data: { __tandemPreview: true, kind: "location", path: "/a" } }, frame, url)).toEqual({ kind: "location", path: "/a" });
    expect(previewFrameMessage({ origin, source: frame, data: { __tandemPreview: true, kind: "expired" } }, frame, url)).toEqual({ kind: "expired" });
    // Same origin, another window (a frame nested by the page, a popup): refused.
    expect(previewFrameMessage({ origin, source: nested, data: error }, frame, url)).toBeNull();
    // The frame's window, another origin (it navigated away, or the sandbox page): refused.
    expect(previewFrameMessage({ origin: "http://localhost:3001", source: frame, data: error }, frame, url)).toBeNull();
    expect(previewFrameMessage({ origin, source: frame, data: { __tandemPreview: true, kind: "changes", ops: [] } }, frame, url)).toBeNull();
    expect(previewFrameMessage({ origin, source: frame, data: error }, null, url)).toBeNull();
    expect(previewFrameMessage({ origin, source: frame, data: error }, frame, undefined)).toBeNull();
  });
});
