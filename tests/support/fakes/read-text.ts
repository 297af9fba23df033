/**
 * The Anthropic fake's eyes for text: it reads the text in an image it is sent with the same
 * offline reader the Offline engine uses (tesseract.js with the English and Simplified Chinese
 * models from npm), so an answer about an image depends on the pixels that really arrived.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Worker } from "tesseract.js";

const LANGUAGES = ["eng", "chi_sim"] as const;
const requireHere = createRequire(path.join(process.cwd(), "package.json"));
let worker: Promise<Worker> | undefined;
const seen = new Map<string, string[]>();

function modelFolder(): string {
  const folder = path.join(os.tmpdir(), "loupe-fake-tesseract-models");
  mkdirSync(folder, { recursive: true });
  for (const language of LANGUAGES) {
    const file = `${language}.traineddata.gz`;
    const link = path.join(folder, file);
    if (!existsSync(link)) symlinkSync(path.join(path.dirname(requireHere.resolve(`@tesseract.js-data/${language}/package.json`)), "4.0.0_best_int", file), link);
  }
  return folder;
}

/** The lines of text in an image, as read; the same image (a follow-up resends it) is read once. */
export async function readLines(bytes: Buffer): Promise<string[]> {
  const key = createHash("sha256").update(bytes).digest("hex");
  const known = seen.get(key);
  if (known) return known;
  worker ??= import("tesseract.js").then(({ createWorker, OEM }) =>
    createWorker(LANGUAGES.join("+"), OEM.LSTM_ONLY, { langPath: modelFolder(), gzip: true, cacheMethod: "none", logger: () => undefined }),
  );
  const { data } = await (await worker).recognize(bytes, {}, { blocks: true, text: false });
  const lines = (data.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
    .filter((line) => line.confidence >= 55)
    .map((line) => line.text.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, "").replace(/\s+/g, " ").trim())
    .filter((line) => /[\p{L}\p{N}]/u.test(line));
  seen.set(key, lines);
  return lines;
}

export async function stopReading(): Promise<void> {
  const current = worker;
  worker = undefined;
  if (current) await (await current).terminate().catch(() => undefined);
}
