import "server-only";
/**
 * Black Forest Labs' FLUX.1 Fill reads the image to fill from `image` (and the mask from
 * `mask`). The AI SDK package sends every input image under Kontext's names (`input_image`,
 * `input_image_2`, …), so a fill request would arrive without its image and be refused. This
 * fetch renames the field on the fill endpoint only; every other request passes untouched.
 */
const FILL_PATH = /\/flux-pro-1\.0-fill\/?$/;

export function bflFillFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (init?.method !== "POST" || typeof init.body !== "string" || !FILL_PATH.test(new URL(url).pathname)) return fetch(input, init);
    const body = JSON.parse(init.body) as Record<string, unknown>;
    if (body.input_image === undefined || body.image !== undefined) return fetch(input, init);
    const { input_image: image, ...rest } = body;
    return fetch(input, { ...init, body: JSON.stringify({ ...rest, image }) });
  };
}
