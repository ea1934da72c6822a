"use client";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";

/** Which workspace overlay is open. One at a time: opening one closes the other. */
export type Overlay = "quick-open" | "search" | "shortcuts" | null;

export type BottomTab = "terminal" | "preview" | "problems";

interface CommandState {
  overlay: Overlay;
  bottomTab: BottomTab;
  showBottom(tab: BottomTab): void;
  open(overlay: Exclude<Overlay, null>): void;
  close(): void;
}

export const commandStore = createStore<CommandState>((set) => ({
  overlay: null,
  bottomTab: "terminal",
  showBottom: (bottomTab) => set({ bottomTab }),
  open: (overlay) => set({ overlay }),
  close: () => set({ overlay: null }),
}));

export function useOverlay(): Overlay {
  return useStore(commandStore, (s) => s.overlay);
}

export function useBottomTab(): BottomTab {
  return useStore(commandStore, (s) => s.bottomTab);
}
