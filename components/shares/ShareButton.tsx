"use client";
import { Share2 } from "lucide-react";
import { useState } from "react";
import { ShareDialog } from "./ShareDialog";

/** The workspace header's Share button: publish the project as a link (or its next version). */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="share-button"
        title="Publish this project as a link that opens and runs in anyone's browser"
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-1.5 rounded bg-accent px-2 py-1 text-sm font-medium text-accent-fg hover:opacity-90"
      >
        <Share2 size={14} aria-hidden />
        Share
      </button>
      <ShareDialog open={open} onClose={() => setOpen(false)} kind="share" />
    </>
  );
}
