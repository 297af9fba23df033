import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "../fixtures";

/*
 * Security headers as a browser receives them from the production build: a nonce-based CSP on
 * pages (and the app still hydrates under it), the sandboxing CSP on images, and the
 * clickjacking, sniffing, referrer and permissions headers on every kind of response.
 */

function nonceOf(csp: string | undefined): string {
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp ?? "")?.[1];
  expect(nonce, `no nonce in ${csp}`).toBeTruthy();
  return nonce!;
}

function expectBaseHeaders(response: APIResponse) {
  const h = response.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["permissions-policy"]).toContain("geolocation=()");
  // The e2e servers run the production build, where HSTS is on.
  expect(h["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  expect(h["x-powered-by"]).toBeUndefined();
}

/** Every CSP violation the page reports, collected from the moment it starts. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test("pages carry a fresh nonce CSP that every script tag uses", async ({ request }) => {
  const first = await request.get("/");
  expect(first.status()).toBe(200);
  expectBaseHeaders(first);
  const csp = first.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  const nonce = nonceOf(csp);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);

  const second = await request.get("/");
  expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonce);
});

test("the studio hydrates and runs a render under the CSP with no violation", async ({ studio, page, critique }) => {
  const violations = await watchViolations(page);
  await studio.open();
  await studio.writeDraft('A poster for a harbour festival, headline "Tide"');
  await studio.generate();
  await studio.firstImageSrc();
  await critique.score();
  expect(await violations()).toEqual([]);
});

test("the studio cannot be framed by another page", async ({ page, baseURL }) => {
  await page.setContent(`<iframe id="f" src="${baseURL}/"></iframe>`);
  const frame = page.frameLocator("#f");
  // The framed document is refused: the studio's controls never appear inside it.
  await page.waitForTimeout(1500);
  await expect(frame.getByRole("button", { name: "Generate" })).toHaveCount(0);
});

test("images keep their sandboxing CSP and are never sniffed", async ({ studio, page, request }) => {
  await studio.open();
  await studio.writeDraft('A poster for a kite festival, headline "Lift"');
  await studio.generate();
  const src = await studio.firstImageSrc();
  // The owner's image URLs answer the owner's browser (its cookie); a stranger gets a 404 with the same headers.
  for (const [url, client, status] of [[src, page.request, 200], [`${src}?w=96`, page.request, 200], [src, request, 404]] as const) {
    const image = await client.get(url);
    expect(image.status(), url).toBe(status);
    expectBaseHeaders(image);
    expect(image.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
  }
});

test("API answers and error pages carry the headers too", async ({ request }) => {
  const refine = await request.post("/api/refine", { data: { draft: "" } });
  expect(refine.status()).toBeGreaterThanOrEqual(400);
  expect(refine.status()).toBeLessThan(500);
  expectBaseHeaders(refine);

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectBaseHeaders(missing);
  expect(missing.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");

  const missingImage = await request.get(`/api/images/${"0".repeat(64)}.png`);
  expect(missingImage.status()).toBe(404);
  expect(missingImage.headers()["x-content-type-options"]).toBe("nosniff");
});

test("share pages keep their stricter referrer policy and stay out of search engines", async ({ request }) => {
  const share = await request.get("/s/not-a-real-token");
  expect(share.status()).toBe(404);
  expect(share.headers()["referrer-policy"]).toBe("no-referrer");
  expect(share.headers()["x-robots-tag"]).toContain("noindex");
  expectBaseHeaders(share);
});
