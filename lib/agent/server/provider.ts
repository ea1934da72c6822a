// Server only: turns a resolved configuration into an AI SDK model and its provider options. The one place that knows
// provider packages; everything else sees a LanguageModel.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createXai } from "@ai-sdk/xai";
import type { LanguageModel } from "ai";
import type { ResolvedModel } from "../model-config";

type ProviderOptions = Record<string, Record<string, string | number | boolean | string[]>>;

export function createModel(config: ResolvedModel, chatId: string, fetchImpl?: typeof fetch): {
  model: LanguageModel;
  providerOptions: ProviderOptions;
  providerName: string;
  /** Where the server's key for this provider is set (error messages say which). */
  keyVariable: string;
} {
  if (config.provider === "xai") {
    const xai = createXai({ baseURL: config.baseURL, ...(config.apiKey ? { apiKey: config.apiKey } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
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
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    model: compatible.chatModel(config.model),
    providerName: new URL(config.baseURL).host,
    keyVariable: "OPENAI_COMPATIBLE_API_KEY",
    // Only an effort chosen for this endpoint is sent ("none" included: it turns thinking off on Ollama and OpenAI).
    providerOptions: config.reasoningEffort === undefined ? {} : { openaiCompatible: { reasoningEffort: config.reasoningEffort } },
  };
}
