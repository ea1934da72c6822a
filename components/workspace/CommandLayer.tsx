"use client";
import { Dialog } from "@/components/ui/Dialog";
import { editorStore } from "@/lib/workspace/editor-store";
import { commandStore, useOverlay } from "./command-store";
import { QuickOpen } from "./QuickOpen";
import { SearchView } from "./SearchView";
import { ShortcutSheet } from "./ShortcutSheet";
import { useShortcut } from "./shortcuts";
import { useWorkspace } from "./WorkspaceContext";

/** The workspace's keyboard commands and the overlays they open. */
export function CommandLayer() {
  const overlay = useOverlay();
  const { readOnly } = useWorkspace();
  const close = () => commandStore.getState().close();
  useShortcut("mod+p", () => commandStore.getState().open("quick-open"));
  useShortcut("mod+shift+f", () => commandStore.getState().open("search"));
  useShortcut("mod+/", () => commandStore.getState().open("shortcuts"));
  useShortcut("mod+s", () => {
    // Always taken, so the browser's "Save page" dialog never opens; the editor reports conflicts itself.
    const active = editorStore.getState().active;
    if (active && !readOnly) editorStore.getState().save(active);
  });
  return (
    <>
      <Dialog open={overlay === "quick-open"} onClose={close} label="Go to file" className="mt-[12vh] mb-auto" testId="quick-open-dialog">
        <QuickOpen onClose={close} />
      </Dialog>
      <Dialog open={overlay === "search"} onClose={close} label="Search in files" className="mt-[8vh] mb-auto" testId="search-dialog">
        <SearchView onClose={close} />
      </Dialog>
      <Dialog open={overlay === "shortcuts"} onClose={close} label="Keyboard shortcuts" testId="shortcuts-dialog">
        <ShortcutSheet />
      </Dialog>
    </>
  );
}
