"use client";
import { useEffect, useState } from "react";
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from "react-resizable-panels";
import { AssistantPanel } from "@/components/assistant/AssistantPanel";
import { askStore } from "@/lib/agent/client/ask";
import { EditorArea } from "@/components/editor/EditorArea";
import { FileTreePanel } from "@/components/file-tree/FileTreePanel";
import { BottomPanel } from "./BottomPanel";
import { CommandLayer } from "./CommandLayer";
import { StatusBar } from "./StatusBar";
import { WorkspaceHeader } from "./WorkspaceHeader";
import { useShortcut } from "./shortcuts";

const separatorClass =
  "relative shrink-0 bg-border transition-colors data-[separator=hover]:bg-accent data-[separator=active]:bg-accent";

/** The workspace: file tree | editor over terminal/preview | assistant, with a header and a status bar. A shared
 * project shows its recorded chat (or nothing) where the assistant goes, and its banner above the header. */
export function WorkspaceShell({ assistantSlot, banner }: { assistantSlot?: React.ReactNode; banner?: React.ReactNode } = {}) {
  const tree = usePanelRef();
  const assistant = usePanelRef();
  const [treeHidden, setTreeHidden] = useState(false);
  const columns = useDefaultLayout({ id: "tandem-columns", storage: safeStorage() });
  const rows = useDefaultLayout({ id: "tandem-rows", storage: safeStorage() });

  useShortcut("mod+b", () => {
    const panel = tree.current;
    if (!panel) return;
    if (panel.isCollapsed()) panel.expand();
    else panel.collapse();
  });

  useEffect(() => {
    document.title = "Tandem";
  }, []);

  // "Ask about …" from another panel: a collapsed assistant opens so the person sees the question they are asking.
  useEffect(
    () =>
      askStore.subscribe((next, prev) => {
        if (next.asks !== prev.asks && assistant.current?.isCollapsed()) assistant.current.expand();
      }),
    [assistant],
  );

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-surface text-fg" data-testid="workspace">
      {banner}
      <WorkspaceHeader />
      <Group
        orientation="horizontal"
        className="min-h-0 flex-1"
        defaultLayout={columns.defaultLayout}
        onLayoutChanged={columns.onLayoutChanged}
      >
        <Panel
          id="tree"
          panelRef={tree}
          defaultSize="18%"
          minSize="140px"
          collapsible
          collapsedSize={0}
          onResize={(size) => setTreeHidden(size.inPixels === 0)}
          className="bg-surface-2"
        >
          <nav aria-label="Files" hidden={treeHidden} className="h-full">
            <FileTreePanel />
          </nav>
        </Panel>
        <Separator className={`${separatorClass} w-px`} aria-label="Resize file tree" />
        <Panel id="center" minSize="240px">
          <Group orientation="vertical" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
            <Panel id="editor" minSize="80px" defaultSize="68%">
              <main className="h-full min-w-0" aria-label="Editor">
                <EditorArea />
              </main>
            </Panel>
            <Separator className={`${separatorClass} h-px`} aria-label="Resize bottom panel" />
            <Panel id="bottom" minSize="36px" defaultSize="32%" collapsible collapsedSize="36px">
              <BottomPanel />
            </Panel>
          </Group>
        </Panel>
        <Separator className={`${separatorClass} w-px`} aria-label="Resize assistant" />
        <Panel id="assistant" panelRef={assistant} defaultSize="26%" minSize="260px" collapsible collapsedSize={0} className="bg-surface-2">
          <aside aria-label="Assistant" className="h-full">
            {assistantSlot ?? <AssistantPanel />}
          </aside>
        </Panel>
      </Group>
      <StatusBar />
      <CommandLayer />
    </div>
  );
}

/** localStorage, or nothing when the browser blocks it (layout then simply isn't remembered). */
function safeStorage() {
  try {
    if (typeof window !== "undefined" && window.localStorage) return window.localStorage;
  } catch {
    // blocked
  }
  return { getItem: () => null, setItem: () => undefined };
}
