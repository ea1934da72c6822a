// Server only: turns a resolved configuration into an AI SDK model and its provider options. The one place that knows
// provider packages; everything else sees a LanguageModel.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import type { LanguageModel } from "ai";
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

export function createModel(config: ResolvedModel, chatId: string, fetchImpl?: typeof fetch): {
  model: LanguageModel;
  providerOptions: ProviderOptions;
  providerName: string;
  /** Where the server's key for this provider is set (error messages say which). */
  keyVariable: string;
} {
  const fetch = fetchImpl ?? platformFetch();
  if (config.provider === "xai") {
    const xai = createXai({ baseURL: config.baseURL, ...(config.apiKey ? { apiKey: config.apiKey } : {}), fetch });
    return {
      model: xai.responses(config.model),
      providerName: "xAI",
      keyVariable: "XAI_API_KEY",
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
    // Only an effort chosen for this endpoint is sent ("none" included: it turns thinking off on Ollama and OpenAI).
    providerOptions: config.reasoningEffort === undefined ? {} : { openaiCompatible: { reasoningEffort: config.reasoningEffort } },
  };
}
