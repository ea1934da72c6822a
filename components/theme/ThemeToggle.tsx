"use client";
import { Monitor, Moon, Sun } from "lucide-react";
import { useTheme, type ThemeChoice } from "./useTheme";

const ORDER: ThemeChoice[] = ["system", "light", "dark"];
const LABEL: Record<ThemeChoice, string> = { system: "Theme: follow the OS", light: "Theme: light", dark: "Theme: dark" };

/** Cycles system → light → dark. */
export function ThemeToggle() {
  const { choice, setChoice } = useTheme();
  const Icon = choice === "system" ? Monitor : choice === "light" ? Sun : Moon;
  const next = ORDER[(ORDER.indexOf(choice) + 1) % ORDER.length] ?? "system";
  return (
    <button
      type="button"
      className="inline-flex h-7 w-7 items-center justify-center rounded text-muted hover:bg-surface-3 hover:text-fg"
      title={`${LABEL[choice]} (click for ${next})`}
      aria-label={LABEL[choice]}
      data-testid="theme-toggle"
      data-theme-choice={choice}
      onClick={() => setChoice(next)}
    >
      <Icon size={15} aria-hidden />
    </button>
  );
}
