import "server-only";
import { LOCAL_MAX_IMAGES, LOCAL_MODEL_ID, createLocalImageModel } from "../local-renderer/local-image-model";
import type { ProviderEntry } from "./types";

export function createLocalProvider(): ProviderEntry {
  return {
    id: "local",
    label: "Local renderer",
    models: [LOCAL_MODEL_ID],
    defaultModel: LOCAL_MODEL_ID,
    local: true,
    supportsSeed: true,
    metadataKey: "local",
    prepare({ model, params }) {
      return { model: createLocalImageModel(model), n: Math.min(params.n, LOCAL_MAX_IMAGES), aspectRatio: params.aspectRatio, warnings: [] };
    },
  };
}
