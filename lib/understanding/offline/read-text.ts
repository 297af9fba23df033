import "server-only";
import { mkdirSync, symlinkSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { Worker } from "tesseract.js";

/*
 * Text recognition with no network: tesseract.js runs Tesseract's LSTM engine as WebAssembly in a
 * worker thread, and its English and Simplified Chinese models come from the
 * @tesseract.js-data/eng and /chi_sim npm packages (their 4.0.0_best_int traineddata), read from
 * disk — never the CDN tesseract.js fetches by default. One worker is kept warm (starting one
 * takes seconds) and ended after a while idle to give its memory back.
 */

export type ReadText = {
  /** Lines as read, in reading order, each with Tesseract's confidence (0–100). */
  lines: Array<{ text: string; confidence: number }>;
};

const LANGUAGES = ["eng", "chi_sim"] as const;
const IDLE_MS = 5 * 60_000;
/** Lines read with less confidence than this are noise (texture read as letters), not text. */
const MIN_LINE_CONFIDENCE = 55;

// Resolved from the project root at run time, so bundlers leave the model files where npm put them.
const requireFromRoot = createRequire(path.join(process.cwd(), "package.json"));

type Held = { worker: Promise<Worker>; idle?: ReturnType<typeof setTimeout> };
// On globalThis: route handlers and server actions may be bundled apart, and one warm worker is enough.
const store = globalThis as typeof globalThis & { __loupeTextReader?: Held };

/** tesseract.js reads every language from one folder; the packages keep one each, so link them side by side. */
function modelFolder(): string {
  const folder = path.join(os.tmpdir(), "loupe-tesseract-models-4.0.0_best_int");
  mkdirSync(folder, { recursive: true });
  for (const language of LANGUAGES) {
    const file = `${language}.traineddata.gz`;
    const source = path.join(path.dirname(requireFromRoot.resolve(`@tesseract.js-data/${language}/package.json`)), "4.0.0_best_int", file);
    const link = path.join(folder, file);
    if (!existsSync(link)) symlinkSync(source, link);
  }
  return folder;
}

async function startWorker(): Promise<Worker> {
  const { createWorker, OEM } = await import("tesseract.js");
  return createWorker(LANGUAGES.join("+"), OEM.LSTM_ONLY, {
    langPath: modelFolder(),
    gzip: true,
    // Nothing is cached or fetched: the models are read from the packages every time a worker starts.
    cacheMethod: "none",
    logger: () => undefined,
    errorHandler: () => undefined,
  });
}

function worker(): Promise<Worker> {
  const held = (store.__loupeTextReader ??= { worker: startWorker() });
  held.worker.catch(() => {
    // A worker that failed to start is not kept: the next image tries again.
    if (store.__loupeTextReader === held) store.__loupeTextReader = undefined;
  });
  clearTimeout(held.idle);
  held.idle = setTimeout(() => {
    if (store.__loupeTextReader !== held) return;
    store.__loupeTextReader = undefined;
    void held.worker.then((w) => w.terminate()).catch(() => undefined);
  }, IDLE_MS);
  held.idle.unref?.();
  return held.worker;
}

/** Tesseract spaces out Chinese characters one by one; Chinese is written without spaces. */
export function joinCjk(text: string): string {
  return text
    .replace(/(?<=[\p{Script=Han}，。：；、（）《》「」『』！？])\s+(?=[\p{Script=Han}，。：；、（）《》「」『』！？])/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The text in an image, line by line; null when the reader is not available (it could not start).
 * PNG, JPEG and WebP bytes, as stored.
 */
export async function readTextIn({ bytes, signal }: { bytes: Uint8Array; signal?: AbortSignal }): Promise<ReadText | null> {
  signal?.throwIfAborted();
  let reader: Worker;
  try {
    reader = await worker();
  } catch (error) {
    console.error("[loupe] the offline text reader could not start", error);
    return null;
  }
  const { data } = await reader.recognize(Buffer.from(bytes), {}, { blocks: true, text: false });
  signal?.throwIfAborted();
  const lines = (data.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((paragraph) => paragraph.lines))
    .map((line) => ({ text: joinCjk(line.text), confidence: Math.round(line.confidence) }))
    .filter((line) => line.text.length > 0 && line.confidence >= MIN_LINE_CONFIDENCE && /[\p{L}\p{N}]/u.test(line.text));
  return { lines };
}
