"use client";
// Opens a shared version for the viewer: the owner secret and key from the link's fragment (a manage link is
// remembered in this browser, then taken out of the address bar), the details and the version itself (already
// downloading, see lib/shares/client/prefetch.ts), into an in-memory Project. Every way this can fail is a page that
// says what happened, never a blank one.
import { useEffect, useState } from "react";
import { Project } from "@/lib/project";
import { ShareApiError } from "@/lib/shares/client/api";
import { readFragment } from "@/lib/shares/client/links";
import type { OpenedShare } from "@/lib/shares/client/open";
import { findOwnedShare, rememberShare } from "@/lib/shares/client/owned";
import { takeShareRead } from "@/lib/shares/client/prefetch";
import type { ShareInfo } from "@/lib/shares/protocol";

/** Beyond this a version is refused in the viewer: a browser tab holds the whole project in memory. */
export const VIEWER_MAX_BYTES = 200 * 1024 * 1024;

export type OpenShareState =
  | { status: "loading" }
  | { status: "problem"; code: string; title: string; message: string }
  | { status: "ready"; info: ShareInfo; opened: OpenedShare; project: Project; title: string; keyText?: string; ownerSecret?: string };

/** Reads the link's fragment once; a manage link's secret is stored and dropped from the address bar. */
export function linkSecrets(shareId: string): { keyText?: string; ownerSecret?: string } {
  const fragment = readFragment(window.location.hash);
  const owned = findOwnedShare(shareId);
  const keyText = fragment.key ?? owned?.key;
  const ownerSecret = fragment.owner ?? owned?.secret;
  return { ...(keyText ? { keyText } : {}), ...(ownerSecret ? { ownerSecret } : {}) };
}

const TITLES: Record<string, string> = {
  "not-found": "There is no share here",
  gone: "This share was unpublished",
  forbidden: "This share is private",
  corrupted: "This share is damaged",
  "too-large": "This share is too large to open here",
  "needs-key": "This link is missing its key",
  "bad-key": "This link's key does not open the share",
  offline: "Could not reach Tandem's server",
};

export function useOpenShare(shareId: string, version: number | "latest"): OpenShareState {
  const [state, setState] = useState<OpenShareState>({ status: "loading" });
  useEffect(() => {
    let cancelled = false;
    const secrets = linkSecrets(shareId);
    const read = takeShareRead(shareId, version, secrets);
    void (async () => {
      try {
        const info = await read.info;
        const fragment = readFragment(window.location.hash);
        if (fragment.owner) {
          rememberShare({
            id: shareId,
            secret: fragment.owner,
            kind: info.visibility === "private" ? "cloud" : "share",
            title: info.title || "Shared project",
            ...(secrets.keyText ? { key: secrets.keyText } : {}),
            latestVersion: info.versions.at(-1)?.number ?? 1,
            createdAt: Date.parse(info.createdAt),
            updatedAt: Date.now(),
          });
          history.replaceState(null, "", `${location.pathname}${location.search}${secrets.keyText ? `#key=${secrets.keyText}` : ""}`);
        }
        const summary = version === "latest" ? info.versions.at(-1) : info.versions.find((v) => v.number === version);
        if (summary && summary.bytes > VIEWER_MAX_BYTES) {
          setState({ status: "problem", code: "too-large", title: TITLES["too-large"]!, message: `Version ${summary.number} is ${Math.round(summary.bytes / 1024 / 1024)} MB; a browser tab opens shares up to ${VIEWER_MAX_BYTES / 1024 / 1024} MB.` });
          return;
        }
        const opened = await read.version;
        if (cancelled) return;
        let project: Project;
        try {
          project = new Project({ files: opened.files, dirs: opened.dirs });
        } catch (error) {
          setState({ status: "problem", code: "corrupted", title: TITLES.corrupted!, message: `The version cannot be opened: ${error instanceof Error ? error.message : String(error)}` });
          return;
        }
        const title = opened.sealed?.title || info.title || "Shared project";
        setState({ status: "ready", info, opened, project, title, ...secrets });
      } catch (error) {
        if (cancelled) return;
        const code = error instanceof ShareApiError ? error.code : "server-error";
        const message = error instanceof Error ? error.message : String(error);
        setState({ status: "problem", code, title: TITLES[code] ?? "This share could not be opened", message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [shareId, version]);
  return state;
}
