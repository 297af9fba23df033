import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { unwrap } from "./action-client";
import { generate, type Ctx, type Generated } from "./server-scenarios";
import { summarise } from "./stats";
import { ms, type Row } from "./table";
import { now } from "./timing-proxy";

/*
 * A region edit through the app, as the studio's Edit region dialog does it (section "edit-app"):
 *   - `POST /api/masks`: a 1024² mask as the painter's canvas exports it (opaque strokes on a
 *     transparent PNG), checked against the render it was painted on and stored;
 *   - a full round: upload the mask → generateAction with `edit: {inputImageId, maskKey}` on
 *     the Local renderer → the new image fetched, as the browser does to show it.
 * Each run paints a slightly different region, so every mask is new to the store (keys are
 * content hashes), as every stroke a designer paints is.
 */

const SIZE = 1024;
const INSTRUCTION = 'headline "WINTER DEALS"';

type StoredMask = { maskKey: string; share: number; width: number; height: number };

/** A stroke over the headline band, moved by `shift` px per run, as the browser's canvas exports it. */
async function paintedMask(shift: number): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><rect x="${60 + (shift % 40)}" y="${50 + (shift % 300)}" width="880" height="220" rx="110" fill="rgb(239,68,68)"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).ensureAlpha().png().toBuffer());
}

async function uploadMask(ctx: Ctx, { imageId, bytes }: { imageId: string; bytes: Uint8Array }): Promise<{ ms: number; mask: StoredMask }> {
  const form = new FormData();
  form.set("imageId", imageId);
  form.set("mask", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "mask.png");
  const start = now();
  const response = await fetch(`${ctx.url}/api/masks`, { method: "POST", body: form, headers: { cookie: ctx.client.cookie(), origin: ctx.url } });
  const answer = (await response.json()) as { ok: boolean; value?: StoredMask; error?: { message?: string } };
  const took = now() - start;
  if (!answer.ok || !answer.value) throw new Error(`/api/masks answered ${response.status}: ${answer.error?.message ?? "no value"}`);
  return { ms: took, mask: answer.value };
}

/** Upload → generate the edit → the image fetched: what a designer waits for after Apply edit. */
async function editRound(ctx: Ctx, { base, shift }: { base: Generated; shift: number }) {
  const input = base.iteration.images[0]!;
  const start = now();
  const { mask } = await uploadMask(ctx, { imageId: input.id, bytes: await paintedMask(shift) });
  const call = await ctx.client.call("generateAction", {
    projectId: base.project.id,
    parentId: base.iteration.id,
    draft: INSTRUCTION,
    refinedPrompt: INSTRUCTION,
    prompt: INSTRUCTION,
    params: { providerId: "local", aspectRatio: "1:1", n: 1 },
    refineId: null,
    idempotencyKey: randomUUID(),
    edit: { inputImageId: input.id, maskKey: mask.maskKey },
  });
  const edited = unwrap<Generated>("generateAction", call.value).iteration.images[0];
  if (!edited) throw new Error("the region edit answered no image");
  const image = await fetch(new URL(edited.url, ctx.url), { headers: { cookie: ctx.client.cookie() } });
  const bytes = await image.arrayBuffer();
  if (!image.ok || bytes.byteLength === 0) throw new Error(`the edited image answered ${image.status}`);
  return { ms: now() - start, renderMs: edited.source?.ms ?? null };
}

const MASK_TARGET = { p50: 60, p95: 150 };
const ROUND_TARGET = { p50: 2000, p95: 3000 };

export async function measureEditThroughApp(ctx: Ctx, runs: number): Promise<Row[]> {
  // A poster with a headline, rendered by the Local renderer: the image every run paints on.
  const base = (await generate(ctx, { n: 1, projectId: null, provider: "local" })).value;
  const input = base.iteration.images[0]!;
  if (input.width !== SIZE || input.height !== SIZE) throw new Error(`the Local renderer answered ${input.width}×${input.height}, expected ${SIZE}²`);
  await uploadMask(ctx, { imageId: input.id, bytes: await paintedMask(0) }); // warm-up: the route's modules
  const uploads: number[] = [];
  for (let i = 0; i < runs; i++) uploads.push((await uploadMask(ctx, { imageId: input.id, bytes: await paintedMask(i + 1) })).ms);
  const rounds: Array<{ ms: number; renderMs: number | null }> = [];
  for (let i = 0; i < runs; i++) rounds.push(await editRound(ctx, { base, shift: 100 + i }));

  const up = summarise(uploads);
  const round = summarise(rounds.map((r) => r.ms));
  const renders = rounds.flatMap((r) => (r.renderMs === null ? [] : [r.renderMs]));
  const render = summarise(renders);
  return [
    {
      id: "edit-app.mask-upload.1024",
      label: "POST /api/masks, 1024² painted mask",
      target: `p50 ≤ ${MASK_TARGET.p50} ms, p95 ≤ ${MASK_TARGET.p95} ms`,
      value: `p50 ${ms(up.p50)} · p95 ${ms(up.p95)}`,
      spread: `min ${ms(up.min)} · max ${ms(up.max)} · n=${up.n}`,
      pass: up.p50 <= MASK_TARGET.p50 && up.p95 <= MASK_TARGET.p95,
      note: "Whole request: multipart parse, the owner's image looked up, the mask decoded and checked against it (shape, not empty, not everything), re-encoded white on black and stored. A new mask every run.",
      raw: uploads,
    },
    {
      id: "edit-app.region-round.1024",
      label: "region edit round through the app (upload mask → generate → image), 1024², Local renderer",
      target: `p50 ≤ ${ms(ROUND_TARGET.p50)}, p95 ≤ ${ms(ROUND_TARGET.p95)}`,
      value: `p50 ${ms(round.p50)} · p95 ${ms(round.p95)}`,
      spread: `render p50 ${ms(render.p50)} (server-recorded) · min ${ms(round.min)} · max ${ms(round.max)} · n=${round.n}`,
      pass: round.p50 <= ROUND_TARGET.p50 && round.p95 <= ROUND_TARGET.p95,
      note: "From Apply edit's upload to the edited image's bytes: /api/masks, generateAction with the input and mask (the Local renderer's fill, new headline and composite, stored), then GET of the image. The critique that follows is the critique rows' figure.",
      raw: rounds,
    },
  ];
}
