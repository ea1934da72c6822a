// "Ask Tandem about selection" (context menu, Ctrl/Cmd+L as in Cursor): the selection — or the cursor's line — goes to
// the assistant's composer as a context chip. The editor only calls lib's ask store; it never touches the panel.
import { askAboutSelection, selectionLines } from "@/lib/agent/client/ask";
import type { Monaco } from "./monaco";

type CodeEditor = ReturnType<Monaco["editor"]["create"]>;

export const ASK_ACTION_ID = "tandem.askAboutSelection";

/** Adds the action to this editor; `getPath` is the project path of the file shown. Returns its disposer. */
export function registerAskAction(monaco: Monaco, editor: CodeEditor, getPath: () => string | null): { dispose(): void } {
  return editor.addAction({
    id: ASK_ACTION_ID,
    label: "Ask Tandem about selection",
    // Replaces Monaco's own Ctrl+L (expand line selection) in this editor only.
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyL],
    contextMenuGroupId: "0_tandem",
    contextMenuOrder: 1,
    run: (ed) => {
      const model = ed.getModel();
      const selection = ed.getSelection();
      const path = getPath();
      if (!model || !selection || !path) return;
      const lines = selectionLines({
        startLine: selection.startLineNumber,
        startColumn: selection.startColumn,
        endLine: selection.endLineNumber,
        endColumn: selection.endColumn,
      });
      const text = lines.wholeLine
        ? model.getLineContent(lines.startLine)
        : model.getValueInRange(selection).replace(/\r?\n$/, "");
      askAboutSelection(path, lines.startLine, lines.endLine, text);
    },
  });
}
