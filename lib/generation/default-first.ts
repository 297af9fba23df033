import "server-only";
/**
 * A provider's capability rows with its default model's row first (the UI and the routers read
 * it as the provider's headline). A default missing from the table gets a row borrowed by
 * `borrow` (the provider's first row under the model's name), so a newer model set through an
 * environment variable is listed and routable too. Shared by the image and video catalogues.
 */
export function defaultModelFirst<T extends { model: string }>(input: { rows: T[]; defaultModel: string; borrow: () => T | undefined }): T[] {
  const { rows, defaultModel } = input;
  const borrowed = rows.some((r) => r.model === defaultModel) ? undefined : input.borrow();
  const all = borrowed ? [borrowed, ...rows] : rows;
  return [...all.filter((r) => r.model === defaultModel), ...all.filter((r) => r.model !== defaultModel)];
}
