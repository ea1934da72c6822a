// Which model answers, from the server's environment and a person's own settings (kept in their browser). Pure: the
// server passes process.env in. Documented in .env.example.
import { z } from "zod";
import type { BrowserEndpointPolicy } from "@/lib/server/config";
import type { AgentError } from "./errors";

export const providerKind = z.enum(["xai", "openai-compatible"]);
export const reasoningEffort = z.enum(["none", "low", "medium", "high", "xhigh"]);
export type ReasoningEffort = z.infer<typeof reasoningEffort>;

/** What a person may choose in the settings dialog (their key travels separately, in a header). */
export const modelSettings = z.object({
  provider: providerKind.optional(),
  model: z.string().trim().min(1).max(200).optional(),
  reasoningEffort: reasoningEffort.optional(),
  /** OpenAI-compatible endpoint (Ollama, LM Studio, llama.cpp, vLLM, OpenRouter). */
  baseURL: z.url({ protocol: /^https?$/ }).max(500).optional(),
});
export type ModelSettings = z.infer<typeof modelSettings>;

export const DEFAULT_XAI_MODEL = "grok-4.3";
export const DEFAULT_XAI_BASE_URL = "https://api.x.ai/v1";

export interface ResolvedModel {
  provider: z.infer<typeof providerKind>;
  model: string;
  /** Always set for xAI. For an OpenAI-compatible endpoint only when chosen for it: many local models reject the
   * field (Ollama answers 400 "does not support thinking" for any effort on a model without thinking). */
  reasoningEffort: ReasoningEffort | undefined;
  baseURL: string;
  apiKey: string | undefined;
  /** Where the key came from: shown in the panel ("your key" / "server key"). */
  keySource: "browser" | "server" | "none";
  /** Who chose the endpoint. A browser-chosen one never gets the server's key, and its replies are not shown
   * (lib/server/outbound.ts decides which addresses it may reach). */
  endpoint: "server" | "browser";
}

export type Env = Record<string, string | undefined>;

/** Public view of the server's configuration (no secrets): what the panel shows before the first message. */
export function describeServerModel(env: Env, browserEndpoints: BrowserEndpointPolicy) {
  const provider = providerKind.catch("xai").parse(env.TANDEM_MODEL_PROVIDER?.trim() || "xai");
  return {
    provider,
    model: defaultModel(env, provider),
    reasoningEffort: defaultEffort(env, provider),
    serverKey: provider === "xai" ? Boolean(env.XAI_API_KEY?.trim()) : Boolean(env.OPENAI_COMPATIBLE_BASE_URL?.trim()),
    allowBrowserBaseURL: browserEndpoints !== "off",
  };
}

/**
 * The model for one request. The server's keys go only to the endpoints its own configuration names: XAI_API_KEY to
 * XAI_BASE_URL (a browser cannot move it), OPENAI_COMPATIBLE_API_KEY to OPENAI_COMPATIBLE_BASE_URL. An endpoint the
 * browser chose gets the browser's own key or none, and only where `browserEndpoints` allows one at all.
 */
export function resolveModel(env: Env, settings: ModelSettings | undefined, browserKey: string | undefined, browserEndpoints: BrowserEndpointPolicy):
  | { ok: true; value: ResolvedModel }
  | { ok: false; error: AgentError } {
  const server = describeServerModel(env, browserEndpoints);
  const provider = settings?.provider ?? server.provider;
  const model = settings?.model ?? (provider === server.provider ? server.model : defaultModel(env, provider));
  const effort = settings?.reasoningEffort ?? defaultEffort(env, provider);
  const key = browserKey?.trim() || undefined;
  if (provider === "xai") {
    const serverKey = env.XAI_API_KEY?.trim() || undefined;
    const apiKey = key ?? serverKey;
    if (!apiKey)
      return {
        ok: false,
        error: {
          code: "no-model",
          message:
            "No model is configured. Set XAI_API_KEY in the server's environment (.env.local), or add your own xAI key " +
            "in the assistant's settings — it stays in your browser.",
        },
      };
    return {
      ok: true,
      value: {
        provider,
        model,
        reasoningEffort: effort ?? "low",
        // The xAI base URL comes only from the server's environment: a browser cannot point our server elsewhere.
        baseURL: env.XAI_BASE_URL?.trim() || DEFAULT_XAI_BASE_URL,
        apiKey,
        keySource: key ? "browser" : "server",
        endpoint: "server",
      },
    };
  }
  const serverBase = env.OPENAI_COMPATIBLE_BASE_URL?.trim() || undefined;
  const chosen = settings?.baseURL;
  if (chosen && !sameEndpoint(chosen, serverBase)) {
    if (browserEndpoints === "off")
      return {
        ok: false,
        error: {
          code: "bad-request",
          message:
            "This server talks only to the model endpoints it is configured with. Clear the base URL in the assistant's settings" +
            (serverBase ? "." : ", or ask whoever runs it to set OPENAI_COMPATIBLE_BASE_URL."),
        },
      };
    return {
      ok: true,
      value: { provider, model, reasoningEffort: effort, baseURL: chosen, apiKey: key, keySource: key ? "browser" : "none", endpoint: "browser" },
    };
  }
  const baseURL = serverBase;
  if (!baseURL)
    return {
      ok: false,
      error: {
        code: "no-model",
        message: "No OpenAI-compatible endpoint is configured. Set OPENAI_COMPATIBLE_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) or enter one in the assistant's settings.",
      },
    };
  const apiKey = key ?? (env.OPENAI_COMPATIBLE_API_KEY?.trim() || undefined);
  return {
    ok: true,
    value: { provider, model, reasoningEffort: effort, baseURL, apiKey, keySource: key ? "browser" : apiKey ? "server" : "none", endpoint: "server" },
  };
}

/** The same endpoint, however it is spelled (case of the host, a trailing slash, a default port). */
function sameEndpoint(a: string, b: string | undefined): boolean {
  if (!b) return false;
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.origin === y.origin && x.pathname.replace(/\/+$/, "") === y.pathname.replace(/\/+$/, "") && x.search === y.search;
  } catch {
    return false;
  }
}

function defaultEffort(env: Env, provider: z.infer<typeof providerKind>): ReasoningEffort | undefined {
  if (provider === "openai-compatible") return reasoningEffort.optional().catch(undefined).parse(env.OPENAI_COMPATIBLE_REASONING_EFFORT?.trim() || undefined);
  return reasoningEffort.catch("low").parse(env.TANDEM_REASONING_EFFORT?.trim() || "low");
}

function defaultModel(env: Env, provider: z.infer<typeof providerKind>): string {
  if (provider === "openai-compatible") return env.OPENAI_COMPATIBLE_MODEL?.trim() || env.TANDEM_MODEL?.trim() || "qwen2.5-coder";
  return env.TANDEM_MODEL?.trim() || DEFAULT_XAI_MODEL;
}
