"use client";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import type { AgentSettings } from "@/lib/agent/client/settings";
import { reasoningEffort, type ModelSettings } from "@/lib/agent/model-config";

export interface ServerModelInfo {
  provider: "xai" | "openai-compatible";
  model: string;
  /** Absent when the server sends none (an OpenAI-compatible endpoint then uses its own default). */
  reasoningEffort?: string;
  serverKey: boolean;
  allowBrowserBaseURL: boolean;
}

interface Props {
  open: boolean;
  onClose: () => void;
  settings: AgentSettings;
  server: ServerModelInfo | null;
  onSave: (settings: AgentSettings) => void;
}

const field = "w-full rounded border border-border bg-surface px-2 py-1 text-sm";

/** Model, key and budgets for this browser. The key is kept in this browser only and sent to Tandem's own server. */
export function SettingsDialog({ open, onClose, settings, server, onSave }: Props) {
  return (
    <Dialog open={open} onClose={onClose} label="Assistant settings" testId="assistant-settings" className="w-[440px] max-w-[95vw]">
      <SettingsForm settings={settings} server={server} onCancel={onClose} onSave={(s) => (onSave(s), onClose())} />
    </Dialog>
  );
}

function SettingsForm({ settings, server, onSave, onCancel }: { settings: AgentSettings; server: ServerModelInfo | null; onSave: (s: AgentSettings) => void; onCancel: () => void }) {
  const [provider, setProvider] = useState(settings.model.provider ?? server?.provider ?? "xai");
  const [model, setModel] = useState(settings.model.model ?? "");
  const [effort, setEffort] = useState(settings.model.reasoningEffort ?? "");
  const [baseURL, setBaseURL] = useState(settings.model.baseURL ?? "");
  const [apiKey, setApiKey] = useState(settings.apiKey ?? "");
  const [maxSteps, setMaxSteps] = useState(String(settings.budget.maxSteps));
  const [maxUsd, setMaxUsd] = useState(String(settings.budget.maxUsd));
  return (
    <form
      className="flex flex-col gap-3 p-4 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        const m: ModelSettings = { provider };
        if (model.trim()) m.model = model.trim();
        const parsedEffort = reasoningEffort.safeParse(effort);
        if (parsedEffort.success) m.reasoningEffort = parsedEffort.data;
        if (provider === "openai-compatible" && baseURL.trim()) m.baseURL = baseURL.trim();
        onSave({
          model: m,
          ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
          budget: {
            maxSteps: clampInt(maxSteps, 1, 500, settings.budget.maxSteps),
            maxTokens: settings.budget.maxTokens,
            maxUsd: clampNum(maxUsd, 0, 1000, settings.budget.maxUsd),
          },
        });
      }}
    >
      <h2 className="text-base font-medium">Assistant settings</h2>
      <label className="flex flex-col gap-1">
        Provider
        <select className={field} value={provider} onChange={(e) => setProvider(e.target.value as typeof provider)}>
          <option value="xai">xAI (Grok)</option>
          <option value="openai-compatible">OpenAI-compatible (Ollama, LM Studio, llama.cpp, vLLM, OpenRouter)</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        Model
        <input className={field} value={model} onChange={(e) => setModel(e.target.value)} placeholder={server && server.provider === provider ? server.model : provider === "xai" ? "grok-4.3" : "qwen2.5-coder"} />
      </label>
      <label className="flex flex-col gap-1">
        Reasoning effort
        <select className={field} value={effort} onChange={(e) => setEffort(e.target.value)}>
          <option value="">
            Server default ({server?.reasoningEffort ?? (provider === "openai-compatible" ? "the endpoint's own" : "low")})
          </option>
          {reasoningEffort.options.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </select>
      </label>
      {provider === "openai-compatible" && (
        <label className="flex flex-col gap-1">
          Base URL
          <input className={field} value={baseURL} onChange={(e) => setBaseURL(e.target.value)} placeholder="http://127.0.0.1:11434/v1" disabled={server?.allowBrowserBaseURL === false} />
        </label>
      )}
      <label className="flex flex-col gap-1">
        Your API key
        <input className={field} type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder={server?.serverKey ? "Optional: the server has a key" : "xai-…"} data-testid="api-key-input" />
        <span className="text-xs text-muted">Kept in this browser only. Sent with each request to this Tandem server, which passes it to the provider and never stores or logs it.</span>
      </label>
      <div className="flex gap-3">
        <label className="flex flex-1 flex-col gap-1">
          Steps per message
          <input className={field} inputMode="numeric" value={maxSteps} onChange={(e) => setMaxSteps(e.target.value)} />
        </label>
        <label className="flex flex-1 flex-col gap-1">
          Budget per message ($)
          <input className={field} inputMode="decimal" value={maxUsd} onChange={(e) => setMaxUsd(e.target.value)} />
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className="rounded px-3 py-1 hover:bg-surface-3" onClick={onCancel}>Cancel</button>
        <button type="submit" className="rounded bg-accent px-3 py-1 text-accent-fg" data-testid="save-settings">Save</button>
      </div>
    </form>
  );
}

function clampInt(text: string, min: number, max: number, fallback: number): number {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

function clampNum(text: string, min: number, max: number, fallback: number): number {
  const n = Number.parseFloat(text);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
