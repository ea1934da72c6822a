// Server only: turns a resolved configuration into an AI SDK model and its provider options. The one place that knows
// provider packages; everything else sees a LanguageModel.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import type { LanguageModel } from "ai";
import type { BrowserEndpointPolicy } from "@/lib/server/config";
import { browserEndpointFetch } from "@/lib/server/outbound";
import type { AgentError } from "../errors";
import type { ResolvedModel } from "../model-config";

type ProviderOptions = Record<string, Record<string, string | number | boolean | string[]>>;

/**
 * The platform's fetch. Next.js replaces the global fetch inside route handlers with one that traces and decides about
 * caching on every call; a model request is never cached, and that work sat on every step's path to the model.
 * Next keeps the original on the replacement (documented there for external consumers); without it, the global one.
 */
function platformFetch(): typeof fetch {
  const current = globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch };
  return current._nextOriginalFetch ?? current;
}

export function createModel(config: ResolvedModel, chatId: string, fetchImpl?: typeof fetch, browserEndpoints: BrowserEndpointPolicy = "off"): {
  model: LanguageModel;
  providerOptions: ProviderOptions;
  providerName: string;
  /** Where the server's key for this provider is set (error messages say which). */
  keyVariable: string;
  /** An endpoint the browser chose: what it answered, and whether anything answered, stays out of errors. */
  opaqueErrors: boolean;
} {
  const browserChosen = config.endpoint === "browser";
  if (browserChosen && browserEndpoints === "off") throw new Error("a browser-chosen endpoint reached createModel while they are off");
  // A browser-chosen endpoint goes through the guarded fetch (no metadata/link-local, no redirects; on a public server
  // public addresses only) — even in tests, where `fetchImpl` stands in for the network only for server endpoints.
  const fetch = browserChosen && browserEndpoints !== "off" ? browserEndpointFetch(browserEndpoints) : (fetchImpl ?? platformFetch());
  if (config.provider === "xai") {
    const xai = createXai({ baseURL: config.baseURL, ...(config.apiKey ? { apiKey: config.apiKey } : {}), fetch });
    return {
      model: xai.responses(config.model),
      providerName: "xAI",
      keyVariable: "XAI_API_KEY",
      opaqueErrors: false,
      providerOptions: {
        xai: {
          reasoningEffort: config.reasoningEffort ?? "low",
          // One cache per conversation: every step of a chat lands on the cache holding its prefix.
          promptCacheKey: chatId,
          // xAI keeps nothing; reasoning travels back encrypted so later steps keep it.
          store: false,
        },
      },
    };
  }
  const compatible = createOpenAICompatible({
    name: "openaiCompatible",
    baseURL: config.baseURL,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    includeUsage: true,
    fetch,
  });
  return {
    model: compatible.chatModel(config.model),
    providerName: new URL(config.baseURL).host,
    keyVariable: "OPENAI_COMPATIBLE_API_KEY",
    opaqueErrors: browserChosen,
    // Only an effort chosen for this endpoint is sent ("none" included: it turns thinking off on Ollama and OpenAI).
    providerOptions: config.reasoningEffort === undefined ? {} : { openaiCompatible: { reasoningEffort: config.reasoningEffort } },
  };
}

/**
 * What the person hears when an endpoint their browser chose fails: one message whatever happened (refused, not HTTP,
 * an HTTP error, a blocked address), so the server cannot be used to learn what listens where on its network.
 */
export function browserEndpointError(baseURL: string): AgentError {
  let host = "the endpoint";
  try {
    host = new URL(baseURL).host;
  } catch {
    // keep the generic name
  }
  return {
    code: "unreachable",
    message:
      `The model endpoint chosen in your settings (${host}) did not give a usable answer. Check its base URL, that it is running, ` +
      "the model name and your key. Tandem's server does not pass on what endpoints it did not choose reply; to see their own " +
      "error messages, configure the endpoint on the server (OPENAI_COMPATIBLE_BASE_URL).",
  };
}
