/**
 * CPU time per image of ingest (lib/images/ingest.ts) on the bench's ~2 MB photographic 1024²
 * PNG: the re-encodes it used to do, and what it does now (issue 21: the metadata chunks are
 * left out without decoding a pixel). CPU time, not wall time: process.cpuUsage() counts
 * libvips' threads, and it does not depend on how busy the machine is.
 *
 *   npx tsx --conditions=react-server bench/ingest-cost.ts
 */
import sharp from "sharp";
import { containsMarkup, ingestImage } from "../lib/images/ingest";
import { photographicPng } from "./photo-png";

const RUNS = 10;
const settings: Record<string, (input: Buffer) => Promise<{ byteLength: number }>> = {
  "decode only (the floor of any re-encode)": (input) => sharp(input).rotate().raw().toBuffer(),
  "PNG re-encode, level 6 — until 2026-12-01": (input) => sharp(input).rotate().png().toBuffer(),
  "PNG re-encode, level 1, sequential — until issue 21": (input) => sharp(input, { sequentialRead: true }).rotate().png({ compressionLevel: 1 }).toBuffer(),
  "PNG re-encode, level 0 (stored, not chosen)": (input) => sharp(input, { sequentialRead: true }).rotate().png({ compressionLevel: 0 }).toBuffer(),
  "markup scan, old: latin1 string + regex": async (input) => ({ byteLength: Number(/<(?:script|html|svg|body|iframe|object|embed|!doctype\s+html)[\s>/]/i.test(input.toString("latin1"))) }),
  "markup scan, now: in place": async (input) => ({ byteLength: Number(containsMarkup(input)) }),
  "ingestImage now: scan + header + chunk copy": async (input) => (await ingestImage({ bytes: input })).bytes,
};

async function main() {
  const input = await photographicPng({ seed: 7 });
  console.log(`input: ${(input.byteLength / 1e6).toFixed(2)} MB PNG, ${RUNS} runs each, sharp.concurrency ${sharp.concurrency()}`);
  for (const [name, pipeline] of Object.entries(settings)) {
    await pipeline(input); // warm-up
    const before = process.cpuUsage();
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) bytes = (await pipeline(input)).byteLength;
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000 / RUNS;
    console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(6)} ms CPU per image   ${(bytes / 1e6).toFixed(2)} MB out`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
