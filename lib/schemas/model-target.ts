// Without zod: the model notes dialog names models with it.

/** "openai/gpt-image-1": how a model is named to Claude and in the UI. */
export function modelTarget({ providerId, model }: { providerId: string; model: string }): string {
  return `${providerId}/${model}`;
}
