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
} {
  if (config.provider === "xai") {
    const xai = createXai({ baseURL: config.baseURL, ...(config.apiKey ? { apiKey: config.apiKey } : {}), ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    return {
      model: xai.responses(config.model),
      providerName: "xAI",
      providerOptions: {
        xai: {
          reasoningEffort: config.reasoningEffort,
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
    providerOptions: config.reasoningEffort === "none" ? {} : { openaiCompatible: { reasoningEffort: config.reasoningEffort } },
  };
}
