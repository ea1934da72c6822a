"use client";
import { formatCombo } from "./shortcuts";

/** Every keyboard shortcut, in one place. Keep in step with the useShortcut calls and the editor's own keys. */
export const SHORTCUTS: Array<{ combo: string; what: string }> = [
  { combo: "mod+p", what: "Go to file (quick open)" },
  { combo: "mod+shift+f", what: "Search in files" },
  { combo: "mod+s", what: "Save the active file" },
  { combo: "mod+b", what: "Show or hide the file tree" },
  { combo: "mod+/", what: "Show this list of shortcuts" },
  { combo: "mod+f", what: "Find in the file (editor)" },
  { combo: "mod+h", what: "Replace in the file (editor)" },
  { combo: "shift+alt+f", what: "Format document (editor)" },
  { combo: "mod+l", what: "Ask the assistant about the selection (editor)" },
  { combo: "f2", what: "Rename the selected file (file tree)" },
  { combo: "delete", what: "Delete the selected file (file tree)" },
  { combo: "escape", what: "Close a dialog" },
];

export function ShortcutSheet() {
  return (
    <div className="w-[min(480px,90vw)] p-5" data-testid="shortcut-sheet">
      <h2 className="mb-3 text-base font-semibold">Keyboard shortcuts</h2>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.combo} className="border-t border-border">
              <td className="py-1.5 pr-4 text-muted">{s.what}</td>
              <td className="py-1.5 text-right">
                <kbd className="rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-xs">{formatCombo(s.combo)}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
