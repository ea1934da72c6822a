"use client";
import { useEffect, useRef } from "react";

/**
 * Global keyboard shortcuts, written like "mod+shift+f" (mod = Ctrl, or Cmd on macOS). Listened to in the capture
 * phase so the editor and the terminal cannot swallow them; only the combinations registered here are taken.
 */
export function useShortcut(combo: string, handler: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const wanted = parseCombo(combo);
    const onKey = (event: KeyboardEvent) => {
      if (!matches(event, wanted)) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current(event);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [combo, enabled]);
}

interface Combo {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parseCombo(combo: string): Combo {
  const parts = combo.toLowerCase().split("+");
  return {
    key: parts[parts.length - 1] ?? "",
    mod: parts.includes("mod"),
    shift: parts.includes("shift"),
    alt: parts.includes("alt"),
  };
}

export function isMac(): boolean {
  return typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
}

function matches(event: KeyboardEvent, combo: Combo): boolean {
  const mod = isMac() ? event.metaKey : event.ctrlKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key.toLowerCase();
  // With Shift held, "f" arrives as "F" and "/" may arrive as "?": compare by physical key too.
  const code = event.code.replace(/^Key/, "").toLowerCase();
  return mod === combo.mod && event.shiftKey === combo.shift && event.altKey === combo.alt && (key === combo.key || code === combo.key);
}

/** How a combo is shown to the person on this platform. */
export function formatCombo(combo: string): string {
  const mac = isMac();
  return combo
    .split("+")
    .map((part) => {
      if (part === "mod") return mac ? "⌘" : "Ctrl";
      if (part === "shift") return mac ? "⇧" : "Shift";
      if (part === "alt") return mac ? "⌥" : "Alt";
      return part.length === 1 ? part.toUpperCase() : part[0]?.toUpperCase() + part.slice(1);
    })
    .join(mac ? "" : "+");
}
