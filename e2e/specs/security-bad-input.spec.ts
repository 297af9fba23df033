import { randomInt } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse, Browser } from "@playwright/test";
import sharp from "sharp";
import { decompressionBombPng as decompressionBomb, noiseImage as noise } from "../../tests/support/hostile-images";
import { e2eEnv } from "../e2e-env";
import { expect, test } from "../fixtures";
import { ProjectsDialog } from "../pages/projects-dialog";

/*
 * Hostile input at every door the production build opens: prompts, uploads, share tokens,
 * owner cookies, server-action bodies, cross-site calls and image URLs. Each case must get a
 * clear 4xx or an inline message — never a 500 — and must leave the stored images and the
 * designer's projects exactly as they were.
 */

test.describe.configure({ mode: "serial" });

const IMAGES_DIR = path.resolve(e2eEnv.offline.LOUPE_DATA_DIR, "images");

/**
 * Stored image files (temp files of an atomic write excluded): the data a case must not change.
 * The folder exists once the server has stored an image (the render in beforeAll), so a missing
 * folder fails the case instead of counting as none.
 */
function storedImages(dir = IMAGES_DIR): number {
  let count = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) count += storedImages(full);
    else if (/^[0-9a-f]{64}\.(png|jpg|webp|gif)$/.test(name)) count += 1;
  }
  return count;
}

function expectClear4xx(response: APIResponse, status?: number) {
  if (status) expect(response.status()).toBe(status);
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);
}

async function publicError(response: APIResponse): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  expect(body.error?.message, "a sentence for people").toMatch(/\w+ \w+/);
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/); // no stack traces
  return body.error!;
}

/* ---------- fixtures: real files, made by real encoders ---------- */

async function uploads(): Promise<Array<{ name: string; file: { name: string; mimeType: string; buffer: Buffer }; status: number; message: RegExp }>> {
  const png = await noise(256, 256).png().toBuffer();
  const jpeg = await noise(256, 256).jpeg().toBuffer();
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
  return [
    { name: "an SVG with script", file: { name: "logo.svg", mimeType: "image/svg+xml", buffer: svg }, status: 415, message: /SVG/ },
    { name: "an SVG named .png", file: { name: "logo.png", mimeType: "image/png", buffer: svg }, status: 415, message: /SVG/ },
    {
      name: "HTML behind a PNG signature",
      file: { name: "x.png", mimeType: "image/png", buffer: Buffer.concat([png.subarray(0, 8), Buffer.from("<html><script>alert(1)</script></html>")]) },
      status: 415,
      message: /./,
    },
    {
      name: "a valid PNG carrying a script after its end",
      file: { name: "poly.png", mimeType: "image/png", buffer: Buffer.concat([png, Buffer.from("<script>alert(document.cookie)</script>")]) },
      status: 415,
      message: /markup/,
    },
    { name: "a decompression bomb", file: { name: "bomb.png", mimeType: "image/png", buffer: decompressionBomb() }, status: 413, message: /too many pixels/ },
    { name: "a truncated JPEG", file: { name: "cut.jpg", mimeType: "image/jpeg", buffer: jpeg.subarray(0, jpeg.length >> 1) }, status: 415, message: /damaged/ },
    { name: "a truncated PNG", file: { name: "cut.png", mimeType: "image/png", buffer: png.subarray(0, png.length >> 1) }, status: 415, message: /damaged/ },
    { name: "a GIF", file: { name: "a.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1") }, status: 415, message: /PNG, JPEG and WebP/ },
    { name: "a text file labelled PNG", file: { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some notes") }, status: 415, message: /PNG, JPEG and WebP/ },
    { name: "a PDF", file: { name: "brief.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n1 0 obj\n") }, status: 415, message: /PNG, JPEG and WebP/ },
    { name: "an empty file", file: { name: "empty.png", mimeType: "image/png", buffer: Buffer.alloc(0) }, status: 415, message: /empty/ },
    { name: "a file over 10 MB", file: { name: "huge.png", mimeType: "image/png", buffer: Buffer.concat([png, Buffer.alloc(11 * 1024 * 1024)]) }, status: 413, message: /10 MB/ },
  ];
}

/* ---------- server actions: captured from the studio itself ---------- */

type ActionCall = { url: string; id: string; headers: Record<string, string>; body: string };

/** Runs one Generate in the studio and returns the server-action request it made, to replay. */
async function captureGenerate(browser: Browser, baseURL: string): Promise<ActionCall & { cookie: string; projectPath: string }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  let call: ActionCall | undefined;
  page.on("request", (request) => {
    const id = request.headers()["next-action"];
    if (id && request.method() === "POST" && !call) call = { url: request.url(), id, headers: request.headers(), body: request.postData() ?? "" };
  });
  await page.goto("/");
  await page.getByRole("textbox", { name: "Prompt", exact: true }).fill('A poster for a lantern walk, headline "Glow"');
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page).toHaveURL(/\/p\/[0-9a-f-]{36}$/, { timeout: 45_000 });
  const cookie = (await context.cookies()).find((c) => c.name === "loupe_owner")!.value;
  const projectPath = new URL(page.url()).pathname;
  await context.close();
  expect(call).toBeTruthy();
  return { ...call!, cookie, projectPath };
}

function replay(request: APIRequestContext, call: ActionCall, overrides: { body?: string; headers?: Record<string, string> }) {
  const headers = { accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", "next-action": call.id, ...overrides.headers };
  return request.post(call.url, { headers, data: overrides.body ?? call.body, maxRedirects: 0 });
}

/** The owner's projects dialog, open, showing one project with one iteration (beforeAll's): no hostile case added a project or a version. */
async function expectOnlyTheFirstProject({ browser, baseURL, owner }: { browser: Browser; baseURL: string; owner: { cookie: string; projectPath: string } }) {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: "loupe_owner", value: owner.cookie, url: baseURL }]);
  const page = await context.newPage();
  await page.goto(owner.projectPath);
  const projects = new ProjectsDialog(page);
  await projects.open();
  const listed = projects.dialog.getByRole("link", { name: /\d+ iterations?/ });
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAccessibleName(/lantern walk.*\b1 iteration\b/);
  return { context, projects };
}

/* ---------- the cases ---------- */

test.describe("hostile input", () => {
  let owner: Awaited<ReturnType<typeof captureGenerate>>;

  test.beforeAll(async ({ browser, baseURL }) => {
    owner = await captureGenerate(browser, baseURL!);
  });

  test("prompts: refused ones get a clear 400, accepted ones come back normalised, nothing is stored", async ({ request }) => {
    const before = storedImages();
    const refused: Array<[string, unknown, RegExp]> = [
      ["an empty draft", { draft: "" }, /Write a prompt first/],
      ["only spaces and newlines", { draft: "   \n\t \n" }, /Write a prompt first/],
      ["only zero-width characters", { draft: "\u200B\u2060\uFEFF" }, /Write a prompt first/],
      ["only control characters", { draft: "\u0000\u0007\u001b\u007f" }, /Write a prompt first/],
      ["only Unicode tag characters", { draft: "\u{E0068}\u{E0069}" }, /Write a prompt first/],
      ["4,001 characters", { draft: "a".repeat(4001) }, /at most 4,000 characters/],
      ["two megabytes", { draft: "poster ".repeat(300_000) }, /at most 4,000 characters/],
      ["a number instead of text", { draft: 42 }, /./],
      ["null", { draft: null }, /./],
      ["an array", ["draft"], /./],
    ];
    for (const [name, body, message] of refused) {
      const response = await request.post("/api/refine", { data: body });
      expectClear4xx(response, 400);
      expect((await publicError(response)).message, name).toMatch(message);
    }
    const notJson = await request.post("/api/refine", { headers: { "content-type": "application/json" }, data: "{not json" });
    expectClear4xx(notJson, 400);

    const accepted: Array<[string, string, string]> = [
      ["control characters inside text", "neon\u0000 sign\u0007 at night", "neon sign at night"],
      ["zero-width characters inside words", "li\u200Bght\u2060house", "lighthouse"],
      ["a bidi override", "poster \u202Etxet desrever\u202C here", "poster txet desrever here"],
      ["ASCII smuggled in tag characters", "a red fox\u{E0049}\u{E0067}\u{E006E}", "a red fox"],
      ["Arabic (RTL)", "ملصق لمنارة عند الغسق", "ملصق لمنارة عند الغسق"],
      ["Hebrew with a right-to-left mark", "כרזה\u200F של מגדלור", "כרזה\u200F של מגדלור"],
      ["Chinese", "黄昏时分的灯塔海报", "黄昏时分的灯塔海报"],
      ["an emoji ZWJ sequence", "family 👨\u200D👩\u200D👧 portrait 🌊", "family 👨\u200D👩\u200D👧 portrait 🌊"],
      ["HTML and script", '<img src=x onerror="alert(1)"><script>alert(2)</script> poster', '<img src=x onerror="alert(1)"><script>alert(2)</script> poster'],
    ];
    for (const [name, draft, expected] of accepted) {
      const response = await request.post("/api/refine", { data: { draft } });
      expect(response.status(), name).toBe(200);
      expect(response.headers()["content-type"]).toContain("text/event-stream");
      const done = /event: done\ndata: (.*)\n/.exec(await response.text())?.[1];
      const prompt = (JSON.parse(done!) as { prompt: string }).prompt;
      expect(prompt, name).toContain(expected);
      expect(prompt, name).not.toMatch(/[\u0000-\u0008\u200B\u202A-\u202E\u{E0000}-\u{E007F}]/u);
    }
    expect(storedImages()).toBe(before);
  });

  test("prompts in the studio: script stays text, RTL/CJK/emoji survive a render", async ({ studio, page, critique }) => {
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await studio.open();
    const draft = '<img src=x onerror="alert(1)"> ملصق 黄昏 灯塔 👨\u200D👩\u200D👧 "Dusk"';
    await studio.writeDraft(`${draft}\u200B\u0007`);
    await studio.generate();
    await studio.firstImageSrc();
    await critique.score();
    await page.reload();
    await expect(studio.refinedPrompt).toHaveValue(draft);
    expect(dialogs).toBe(0);

    // Over the cap and empty after normalising: inline messages, no request.
    const posts: string[] = [];
    page.on("request", (r) => r.method() === "POST" && posts.push(r.url()));
    await studio.open();
    await studio.writeDraft("\u200B\u200B\u2060");
    await studio.generate();
    await expect(studio.formAlert).toHaveText("Write a prompt first.");
    await studio.writeDraft("海".repeat(4001));
    await studio.generate();
    await expect(studio.formAlert).toHaveText("Prompts can be at most 4,000 characters.");
    expect(posts).toEqual([]);
  });

  test("uploads: SVG, polyglots, a bomb, truncated and wrong types are refused and nothing is stored", async ({ request }) => {
    const before = storedImages();
    for (const upload of await uploads()) {
      const response = await request.post("/api/references", { multipart: { file: upload.file } });
      expect(response.status(), upload.name).toBe(upload.status);
      expect((await publicError(response)).message, upload.name).toMatch(upload.message);
      expect(storedImages(), upload.name).toBe(before);
    }
    const png = await noise(64, 64).png().toBuffer();
    const other = [
      ["no file field", { multipart: { note: "hello" } }, 400],
      ["a JSON body", { data: { file: "x" } }, 400],
      ["a project id that is not a uuid", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: png }, projectId: "../../etc" } }, 400],
      ["another owner's project", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: png }, projectId: crypto.randomUUID() } }, 404],
    ] as const;
    for (const [name, options, status] of other) {
      const response = await request.post("/api/references", options);
      expect(response.status(), name).toBe(status);
      await publicError(response);
      expect(storedImages(), name).toBe(before);
    }
    // The count sees what the server stores: a fresh, valid upload adds one file.
    const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
    const fresh = await sharp({ create: { width: 48, height: 48, channels: 3, background } }).png().toBuffer();
    const accepted = await request.post("/api/references", { multipart: { file: { name: "fresh.png", mimeType: "image/png", buffer: fresh } } });
    expect(accepted.status()).toBe(200);
    expect(storedImages()).toBe(before + 1);
  });

  test("share tokens: forged, malformed and oversized tokens get a plain 404", async ({ request }) => {
    const forged = ["A".repeat(43), "not-a-token", "..%2F..%2Fetc%2Fpasswd", `${"x".repeat(2000)}`, "%00", "<script>alert(1)</script>"];
    for (const token of forged) {
      const response = await request.get(`/s/${token}`);
      expect(response.status(), token).toBe(404);
      expect(await response.text()).not.toContain("<script>alert(1)</script>");
    }
  });

  test("owner cookies: forged, tampered or wrongly signed cookies open nothing", async ({ browser, baseURL }) => {
    const [id, signature] = [owner.cookie.slice(0, owner.cookie.lastIndexOf(".")), owner.cookie.slice(owner.cookie.lastIndexOf(".") + 1)];
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    const cookies = {
      "the id without a signature": id,
      "a tampered signature": `${id}.${flipped}`,
      "another id with this signature": `${crypto.randomUUID()}.${signature}`,
      "garbage": "%00%ff<script>",
      "an oversized cookie": `${id}.${"A".repeat(4000)}`,
    };
    for (const [name, value] of Object.entries(cookies)) {
      const context = await browser.newContext({ baseURL });
      await context.addCookies([{ name: "loupe_owner", value, url: baseURL! }]);
      const response = await context.request.get(owner.projectPath);
      expect(response.status(), name).toBe(404);
      const studio = await context.request.get("/");
      expect(studio.status(), name).toBe(200);
      await context.close();
    }
    // The real cookie still opens the project: nothing above disturbed it.
    const context = await browser.newContext({ baseURL });
    await context.addCookies([{ name: "loupe_owner", value: owner.cookie, url: baseURL! }]);
    expect((await context.request.get(owner.projectPath)).status()).toBe(200);
    await context.close();
  });

  test("server actions: oversized bodies, cross-site calls and junk are refused without a 500", async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `loupe_owner=${owner.cookie}` } });
    const before = storedImages();
    const origin = new URL(baseURL!).origin;

    const oversized = await replay(request, owner, { body: JSON.stringify([{ draft: "x".repeat(2 * 1024 * 1024) }]), headers: { origin } });
    expectClear4xx(oversized, 413);

    const crossSite = await replay(request, owner, { headers: { origin: "https://evil.example" } });
    expectClear4xx(crossSite, 403);
    const nullOrigin = await replay(request, owner, { headers: { origin: "null" } });
    expectClear4xx(nullOrigin, 403);

    // A well-formed call with hostile arguments answers with a typed error, not a crash.
    const badArgs = await replay(request, owner, { body: JSON.stringify([{ projectId: "../../etc", draft: 7 }]), headers: { origin } });
    expect(badArgs.status()).toBe(200);
    expect(await badArgs.text()).toContain("bad_request");

    expect(storedImages()).toBe(before);
    await request.dispose();
  });

  test("image URLs: traversal, wrong extensions and bad widths never reach the disk or a 500", async ({ request }) => {
    const src = (await (await request.get(owner.projectPath, { headers: { cookie: `loupe_owner=${owner.cookie}` } })).text()).match(
      /\/api\/images\/[0-9a-f]{64}\.png/,
    )?.[0];
    expect(src).toBeTruthy();
    for (const url of [
      "/api/images/..%2F..%2F..%2Fetc%2Fpasswd",
      "/api/images/%2e%2e%2fpackage.json",
      "/api/images/..%5c..%5cpackage.json",
      `/api/images/${"a".repeat(64)}.svg`,
      `/api/images/${"A".repeat(64)}.png`,
      "/api/images/%00.png",
      `${src}/download?format=svg`,
    ]) {
      const response = await request.get(url);
      expectClear4xx(response);
      expect(await response.text(), url).not.toContain("root:");
    }
    for (const width of ["abc", "-1", "0", "99999999", "1e3", "", "96&w=2000", "NaN"]) {
      const response = await request.get(`${src}?w=${width}`);
      expect(response.status(), `w=${width}`).toBeLessThan(500);
      if (response.ok()) expect(response.headers()["content-type"], `w=${width}`).toMatch(/^image\/(png|webp|avif)$/);
    }
  });

  test("broken percent-escapes in any path answer 404 with the security headers, never a bare 500", async ({ request }) => {
    for (const path of ["/s/%E0%A4%A", "/p/%E0%A4%A", "/api/images/%E0%A4%A", "/fonts/noto-sans-sc/%E0%A4%A", "/s/%", "/p/%zz"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
      expect(response.headers()["x-frame-options"], path).toBe("DENY");
      expect(await response.text(), path).not.toMatch(/Internal Server Error|at \w+ \(/);
    }
  });

  test("server-action bodies the framework cannot decode answer 400, not 500", async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `loupe_owner=${owner.cookie}` } });
    const origin = new URL(baseURL!).origin;
    const bodies = {
      "unparseable JSON": "{{{{",
      "50,000-deep nesting": "[".repeat(50_000) + "]".repeat(50_000),
      "a promise reference to itself": '"$@0"',
      "a promise reference inside the arguments": '["$@0"]',
      "a reference to a part that is not there": '[{"draft":"$1"}]',
    };
    for (const [name, body] of Object.entries(bodies)) {
      const response = await replay(request, owner, { body, headers: { origin } });
      expect(response.status(), name).toBe(400);
    }
    await request.dispose();
  });

  test("a refused Generate leaves nothing behind: no project, no failed version", async ({ playwright, baseURL, browser }) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `loupe_owner=${owner.cookie}` } });
    const origin = new URL(baseURL!).origin;
    const [args] = JSON.parse(owner.body) as [Record<string, unknown>];
    const generate = (over: Record<string, unknown>) =>
      replay(request, owner, { body: JSON.stringify([{ ...args, projectId: null, parentId: null, referenceId: null, idempotencyKey: crypto.randomUUID(), ...over }]), headers: { origin } });
    const params = args.params as Record<string, unknown>;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["a parent that is not yours", { parentId: crypto.randomUUID() }, "not_found"],
      ["a reference that is not yours", { referenceId: crypto.randomUUID() }, "not_found"],
      ["an unknown provider", { params: { ...params, providerId: "no-such-provider" } }, "provider_unavailable"],
      ["a provider this server has no key for", { params: { ...params, providerId: "openai" } }, "provider_unavailable"],
      ["a Compare column without a provider", { params: { ...params, compare: ["local", "no-such-provider"] } }, "provider_unavailable"],
    ];
    for (const [name, over, code] of cases) {
      for (let i = 0; i < 2; i += 1) {
        const response = await generate(over);
        expect(response.status(), name).toBe(200);
        expect(await response.text(), name).toContain(`"code":"${code}"`);
      }
    }
    await request.dispose();
    const { context, projects } = await expectOnlyTheFirstProject({ browser, baseURL: baseURL!, owner });

    // A name that shows nothing is refused, and the project keeps its name.
    await projects.dialog.getByRole("button", { name: /^Rename / }).click();
    await projects.dialog.getByRole("textbox", { name: "Project name" }).fill("\u200B\u202E\u2066\u200F");
    await projects.dialog.getByRole("button", { name: "Save" }).click();
    await expect(projects.dialog.getByText("Give the project a name.")).toBeVisible();
    await projects.close();
    await projects.open();
    await expect(projects.dialog.getByRole("link", { name: /\d+ iterations?/ })).toHaveAccessibleName(/^A poster for a lantern walk.*\b1 iteration\b/);
    await context.close();
  });

  test("API routes refuse cross-site POSTs", async ({ request }) => {
    const refine = await request.post("/api/refine", { data: { draft: "a poster" }, headers: { origin: "https://evil.example" } });
    expectClear4xx(refine, 403);
    const upload = await request.post("/api/references", {
      multipart: { file: { name: "a.png", mimeType: "image/png", buffer: await noise(16, 16).png().toBuffer() } },
      headers: { origin: "https://evil.example" },
    });
    expectClear4xx(upload, 403);
  });

  test("the owner's projects are exactly as they were", async ({ browser, baseURL }) => {
    const { context } = await expectOnlyTheFirstProject({ browser, baseURL: baseURL!, owner });
    await context.close();
  });
});
