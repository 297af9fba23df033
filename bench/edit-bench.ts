/**
 * The edit rows of `npm run bench` (section "edit"), measured in-process on the library code the
 * server runs (no HTTP: the edit routes come with the UI):
 *   - the Local renderer's region edit at 1024² (fill from the surroundings, a new headline, the
 *     composite through the mask), and its "Use as input" edit at 1024²;
 *   - mask conversion at 1024²: reading a painted mask against its image, then OpenAI's alpha PNG
 *     and FLUX Fill's white PNG;
 *   - a provider's answer composited back into the input through the mask at 1024².
 * CPU time is process.cpuUsage() (the JS thread and libvips' threads).
 *
 *   npx tsx --conditions=react-server bench/edit-bench.ts [--quick] [--json]
 * Runs as its own process (lib/ modules import "server-only", resolved by the react-server condition).
 */
import { printRowsWhenRun, rowsFromChild } from "./child-rows";
import sharp from "sharp";
import { median } from "./stats";
import { ms, type Row } from "./table";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 2 : 7;
const SIZE = 1024;

async function timed<T>(run: () => Promise<T>): Promise<{ wallMs: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000, value };
}

async function series<T>(run: () => Promise<T>): Promise<Array<{ wallMs: number; cpuMs: number; value: T }>> {
  await run(); // warm-up: module loading, JIT, fonts
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(run));
  return runs;
}

function row(input: { id: string; label: string; targetMs: number; runs: Array<{ wallMs: number; cpuMs: number }>; extra?: string }): Row {
  const wall = median(input.runs.map((r) => r.wallMs));
  const cpu = `CPU ${ms(median(input.runs.map((r) => r.cpuMs)))}`;
  return { id: input.id, label: input.label, target: `≤ ${ms(input.targetMs)}`, value: ms(wall), spread: input.extra ? `${cpu}, ${input.extra}` : cpu, pass: quick ? null : wall <= input.targetMs, raw: input.runs.map((r) => ({ wallMs: r.wallMs, cpuMs: r.cpuMs })) };
}

/** A painted region over the headline band of a 1024² poster, as a browser canvas exports it. */
async function headlineMask(): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}"><rect x="60" y="50" width="904" height="250" rx="40" fill="#fff"/></svg>`;
  return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
}

async function measure(): Promise<Row[]> {
  const { generateImage } = await import("ai");
  const { createLocalImageModel } = await import("@/lib/generation/local-renderer/local-image-model");
  const { readMask, maskAsAlphaPng, maskAsWhitePng } = await import("@/lib/images/mask");
  const { compositeThroughMask } = await import("@/lib/images/feather");
  const model = createLocalImageModel();
  const poster = await generateImage({ model, prompt: 'retro travel poster, mountains at dusk, headline "SUMMER TRAILS"', size: `${SIZE}x${SIZE}`, seed: 7 });
  const image = poster.images[0]!.uint8Array;
  const mask = await headlineMask();
  const rows: Row[] = [];

  const region = await series(() => generateImage({ model, prompt: { text: 'headline "WINTER DEALS"', images: [image], mask }, seed: 7, maxRetries: 0 }));
  rows.push(row({ id: "edit.local.region.1024", label: "Local renderer, region edit (new headline), 1024²", targetMs: 1500, runs: region, extra: "fill + headline + composite" }));
  const retouch = await series(() => generateImage({ model, prompt: { text: 'cooler, darker, "NIGHT TRAILS"', images: [image] }, seed: 7, maxRetries: 0 }));
  rows.push(row({ id: "edit.local.input.1024", label: "Local renderer, Use as input (grade + headline), 1024²", targetMs: 1500, runs: retouch }));

  const conversion = await series(async () => {
    const coverage = await readMask({ bytes: mask, width: SIZE, height: SIZE });
    return Promise.all([maskAsAlphaPng(coverage), maskAsWhitePng(coverage)]);
  });
  rows.push(row({ id: "edit.mask.convert.1024", label: "Mask conversion, 1024² (read + OpenAI alpha PNG + FLUX white PNG)", targetMs: 150, runs: conversion }));

  const answer = new Uint8Array(await sharp({ create: { width: SIZE, height: SIZE, channels: 3, background: "#2d6a4f" } }).png().toBuffer());
  const coverage = await readMask({ bytes: mask, width: SIZE, height: SIZE });
  const composite = await series(() => compositeThroughMask({ input: image, edited: answer, mask: coverage }));
  rows.push(row({ id: "edit.composite.1024", label: "Provider answer composited through the mask, 1024²", targetMs: 250, runs: composite }));
  return rows;
}

/** For bench/run.ts: the rows, measured in a child process started with the react-server condition. */
export function measureEditRows(options: { quick: boolean }): Promise<Row[]> {
  return rowsFromChild({ script: "edit-bench.ts", args: options.quick ? ["--quick"] : [] });
}

printRowsWhenRun({ script: "edit-bench.ts", measure });
