/**
 * CPU time per image of the ingest re-encode (lib/images/ingest.ts), before and after its
 * settings were tuned, on the bench's ~2 MB photographic 1024² PNG. CPU time, not wall time:
 * process.cpuUsage() counts libvips' threads, and it does not depend on how busy the machine is.
 *
 *   npx tsx bench/ingest-cost.ts
 */
import sharp, { type Sharp } from "sharp";
import { photographicPng } from "./photo-png";

const RUNS = 10;
const settings: Record<string, (input: Buffer) => Sharp> = {
  "decode only (the floor)": (input) => sharp(input).rotate().raw(),
  "PNG, sharp default (level 6) — before": (input) => sharp(input).rotate().png(),
  "PNG, level 1, sequential — after": (input) => sharp(input, { sequentialRead: true }).rotate().png({ compressionLevel: 1 }),
  "PNG, level 0 (stored, not chosen)": (input) => sharp(input, { sequentialRead: true }).rotate().png({ compressionLevel: 0 }),
};

async function main() {
  const input = await photographicPng({ seed: 7 });
  console.log(`input: ${(input.byteLength / 1e6).toFixed(2)} MB PNG, ${RUNS} runs each, sharp.concurrency ${sharp.concurrency()}`);
  for (const [name, pipeline] of Object.entries(settings)) {
    await pipeline(input).toBuffer(); // warm-up
    const before = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) bytes = (await pipeline(input).toBuffer()).byteLength;
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000 / RUNS;
    console.log(`${name.padEnd(40)} ${ms.toFixed(1).padStart(6)} ms CPU per image   ${(bytes / 1e6).toFixed(2)} MB out`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
