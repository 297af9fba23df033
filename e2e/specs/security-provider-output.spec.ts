import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { createServer, type Server } from "node:http";
import sharp from "sharp";
import { e2eEnv } from "../e2e-env";
import { expect, test } from "../fixtures";
import { startNextInstance, type NextInstance } from "../scale-out/next-instance";

/*
 * A provider's bytes are untrusted too. A local OpenAI-compatible gateway answers with what a
 * compromised provider might send — a sideways JPEG carrying GPS coordinates and a camera
 * name, or an SVG with script — and the studio must keep only a clean, upright re-encode,
 * or refuse with a clear message and store nothing.
 */

const offset = Number(process.env.LOUPE_E2E_PORT_OFFSET ?? 0);
const gatewayPort = 4337 + offset;
let answer: () => Promise<Buffer>;
let gateway: Server;
let server: NextInstance;
const DATA_DIR = ".tmp/e2e/provider-output";

/** The original images in the instance's store (renditions, named <sha>.w<width>.<ext>, left out). */
function storedOriginals(): string[] {
  try {
    return readdirSync(path.join(DATA_DIR, "images"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .filter((name) => /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/.test(name));
  } catch {
    return [];
  }
}

// 51/1 30/1 as little-endian rationals: the GPS latitude in the EXIF block.
const LATITUDE = "33000000010000001e00000001000000";

async function gpsJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 1024, height: 768, channels: 3, background: "#d04020" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: "LeakyCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
    .toBuffer();
}

test.beforeAll(async () => {
  gateway = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      void answer().then((bytes) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ created: 0, data: [{ b64_json: bytes.toString("base64") }] }));
      });
    });
  });
  await new Promise<void>((resolve) => gateway.listen(gatewayPort, "127.0.0.1", resolve));
  rmSync(DATA_DIR, { recursive: true, force: true });
  server = await startNextInstance({
    port: 3337 + offset,
    env: {
      ...e2eEnv.offline,
      LOUPE_DATA_DIR: DATA_DIR,
      LOUPE_OPENAI_COMPATIBLE_BASE_URL: `http://127.0.0.1:${gatewayPort}/v1`,
      LOUPE_OPENAI_COMPATIBLE_API_KEY: "gw-key-0000000000000000",
      LOUPE_OPENAI_COMPATIBLE_MODEL: "house-model",
      LOUPE_OPENAI_COMPATIBLE_LABEL: "House gateway",
      LOUPE_OPENAI_COMPATIBLE_SIZES: "1024x1024",
      LOUPE_PROVIDER_FALLBACKS: "0",
      LOUPE_PROVIDER_MAX_RETRIES: "0",
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  gateway?.closeAllConnections();
  await new Promise((resolve) => gateway?.close(resolve));
});

test("a provider's JPEG is stored upright, without its EXIF and GPS", async ({ page, studio }) => {
  const sent = await gpsJpeg();
  expect(sent.toString("hex")).toContain(LATITUDE);
  answer = async () => sent;
  await studio.open(`${server.url}/`);
  await studio.provider.selectOption("openai-compatible");
  await studio.writeDraft("A red poster for a harbour festival");
  await studio.generate();
  const src = await studio.firstImageSrc();
  expect(src).toMatch(/\.jpg$/);

  const stored = await (await page.request.get(`${server.url}${src}`)).body();
  const meta = await sharp(stored).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  expect([meta.width, meta.height]).toEqual([768, 1024]);
  expect(stored.toString("hex")).not.toContain(LATITUDE);
  expect(stored.toString("latin1")).not.toContain("LeakyCam");
});

test("a provider's SVG is refused with a clear message, the prompt is kept and nothing new is stored", async ({ studio, page }) => {
  const before = storedOriginals();
  answer = async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await studio.open(`${server.url}/`);
  await studio.provider.selectOption("openai-compatible");
  await studio.writeDraft("A poster that the gateway will answer with SVG");
  await studio.generate();
  // Refused before or at ingest (the SDK cannot type it, or the sniffer refuses it): either way a sentence, inline.
  await expect(studio.formAlert).toHaveText(/could not render this prompt|Only PNG, JPEG and WebP|markup files are not accepted/, { timeout: 45_000 });
  await expect(page.getByText("This render failed — your prompt is kept.", { exact: false })).toBeVisible();
  await expect(studio.resultImages()).toHaveCount(0);
  await expect(page.getByText(/Exception|at \w+ \(|node_modules/)).toHaveCount(0);
  expect(dialogs).toBe(0);
  expect(storedOriginals()).toEqual(before);
});
