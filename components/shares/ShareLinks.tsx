"use client";
import { KeyRound, Lock } from "lucide-react";
import { embedSnippet, manageUrl, shareUrl } from "@/lib/shares/client/links";
import type { OwnedShare } from "@/lib/shares/client/owned";
import { CopyField } from "./CopyField";
import { QrCode } from "./QrCode";

/** What a publish hands out: the share link, this version's link, the embed snippet, the manage link, a QR code. */
export function ShareLinks({ owned, version }: { owned: OwnedShare; version: number }) {
  const origin = window.location.origin;
  const key = owned.key;
  const link = shareUrl({ origin, id: owned.id, ...(key ? { key } : {}) });
  const exact = shareUrl({ origin, id: owned.id, version, ...(key ? { key } : {}) });
  const cloud = owned.kind === "cloud";
  return (
    <div className="space-y-3" data-testid="share-links">
      {key && (
        <p className="flex items-start gap-1.5 rounded bg-surface-2 p-2 text-xs text-muted">
          <Lock size={13} className="mt-0.5 shrink-0 text-ok" aria-hidden />
          End-to-end encrypted: the key is the part after # and never reaches the server. Anyone with the whole link can
          open it; without the key nobody can, not even this server.
        </p>
      )}
      <div className="flex gap-3">
        <div className="min-w-0 flex-1 space-y-2">
          {!cloud && <CopyField label="Link (always the latest version)" value={link} testId="share-link" />}
          <CopyField label={`This version (${version}), never changes`} value={exact} testId="share-version-link" />
        </div>
        {!cloud && <QrCode text={link} label="QR code of the share link" />}
      </div>
      {!cloud && <CopyField label="Embed in a page (docs, lessons)" value={embedSnippet({ origin, id: owned.id, title: owned.title, ...(key ? { key } : {}) })} testId="share-embed" multiline />}
      <div className="rounded border border-warn/40 p-2">
        <p className="mb-1.5 flex items-center gap-1.5 text-xs font-medium">
          <KeyRound size={13} aria-hidden className="text-warn" /> Manage link — keep it private
        </p>
        <p className="mb-2 text-[11px] text-muted">
          It lets whoever has it publish new versions {cloud ? "of this cloud copy, open it in another browser," : ""} or unpublish. This browser keeps it; save it somewhere safe to
          manage the share from elsewhere.
        </p>
        <CopyField label="Manage link" value={manageUrl({ origin, id: owned.id, secret: owned.secret, ...(key ? { key } : {}) })} testId="share-manage-link" />
      </div>
    </div>
  );
}
