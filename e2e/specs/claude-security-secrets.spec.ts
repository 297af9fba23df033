import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { e2eEnv } from "../e2e-env";
import { expect, test } from "../fixtures";
import { isEventStream, readProjectEvents } from "../project-events";

/*
 * Keys live only on the server. This runs the whole loop on the Claude server (whose
 * ANTHROPIC_API_KEY looks real) — refine, render, critique, revision, a share link opened by a
 * stranger — and scans every response it saw, headers and bodies, then every file of the
 * client bundle, for the key and the cookie secret.
 */

const secrets = {
  "the Anthropic key": e2eEnv.anthropicKey,
  "the cookie secret": e2eEnv.claude.LOUPE_COOKIE_SECRET,
};
// Anything shaped like an Anthropic key, in case a different one were ever baked in.
const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]{16,}/;

function expectNoSecret(text: string, where: string) {
  for (const [name, secret] of Object.entries(secrets)) expect(text.includes(secret), `${name} in ${where}`).toBe(false);
  expect(KEY_SHAPE.exec(text)?.[0], `a key-shaped string in ${where}`).toBeUndefined();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("no response of a full Claude loop and no client bundle file carries a secret", async ({ studio, critique, share, page, browser }) => {
  const seen: Array<Promise<{ url: string; text: string }>> = [];
  const watch = (p: typeof page) =>
    p.on("response", (response) => {
      if (isEventStream(response)) return;
      seen.push(
        response
          .body()
          .then((body) => body.toString("latin1"))
          .catch(() => "")
          .then((body) => ({ url: response.url(), text: `${JSON.stringify(response.headers())}\n${body}` })),
      );
    });
  watch(page);

  await studio.open();
  await studio.writeDraft('Poster for a ceramics fair, terracotta and cream, headline "Kiln"');
  await studio.refine();
  await studio.generate();
  const src = await studio.firstImageSrc();
  await critique.score();
  await critique.applyRevision();
  await expect(studio.historyEntries()).toHaveCount(2, { timeout: 45_000 });
  await critique.score();
  await studio.waitUntilIdle();
  seen.push(readProjectEvents(page).then((text) => ({ url: "the project's event stream", text })));

  await share.open();
  const link = await share.createLink();
  await share.close();

  const stranger = await browser.newContext();
  const visitor = await stranger.newPage();
  watch(visitor);
  await visitor.goto(link);
  await expect(visitor.getByRole("img").first()).toBeVisible();
  for (const url of [src, `${src}?w=96`, `${src}/download`]) seen.push(page.request.get(url).then(async (r) => ({ url, text: (await r.body()).toString("latin1") })));
  const responses = await Promise.all(seen);
  await stranger.close();

  expect(responses.length).toBeGreaterThan(20);
  for (const { url, text } of responses) expectNoSecret(text, url);

  // The client bundle: everything the build would ever send to a browser.
  const files = filesUnder(path.resolve(".next/static"));
  expect(files.some((f) => f.endsWith(".js"))).toBe(true);
  for (const file of files) expectNoSecret(readFileSync(file).toString("latin1"), path.relative(process.cwd(), file));
});
