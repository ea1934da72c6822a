"use client";
import { Cloud, CloudUpload } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { useWorkspace } from "@/components/workspace/WorkspaceContext";
import { shareOfProject, subscribeOwnedShares } from "@/lib/shares/client/owned";
import { ShareDialog } from "./ShareDialog";

/** "Save to cloud": this project kept on the server as a private share only its owner opens, in step by publishing. */
export function CloudButton() {
  const { projectId } = useWorkspace();
  const [open, setOpen] = useState(false);
  const cloud = useSyncExternalStore(subscribeOwnedShares, () => shareOfProject(projectId, "cloud") ?? null, () => null);
  return (
    <>
      <button
        type="button"
        data-testid="cloud-button"
        title={cloud ? `Cloud copy: version ${cloud.latestVersion}. Save this state as a new version.` : "Keep a private copy on the server, to open in another browser with its manage link"}
        onClick={() => setOpen(true)}
        className="inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-muted hover:bg-surface-3 hover:text-fg"
      >
        {cloud ? <Cloud size={14} aria-hidden className="text-accent" /> : <CloudUpload size={14} aria-hidden />}
        {cloud ? `Cloud v${cloud.latestVersion}` : "Save to cloud"}
      </button>
      <ShareDialog open={open} onClose={() => setOpen(false)} kind="cloud" />
    </>
  );
}
