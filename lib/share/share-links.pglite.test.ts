import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import * as q from "@/lib/db/queries";
import type { NewIteration } from "@/lib/db/schema";
import type { Critique } from "@/lib/schemas/critique";
import { lookupShare } from "./lookup";
import { revokeShareLink } from "./revoke";
import { cachedShare, forgetSharesOfProject, SHARE_CACHE_TTL_MS } from "./share-cache";
import { loadSharePage } from "./share-page";
import { sharePageResponse } from "./share-response";
import { loadSharedWork } from "./shared-work";
import { createShareToken, hashShareToken } from "./token";
import { setEnv } from "@/tests/support/env";

/* Share links against a real (embedded) database: what a token opens, and what a share shows. */

let dataDir: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "loupe-share-"));
  setEnv({ DATABASE_URL: undefined, LOUPE_DATA_DIR: dataDir });
});

afterAll(async () => {
  await closeDb();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const critique = (overall: number): Critique => ({
  overall,
  aspects: { promptAdherence: 8, composition: 7, typography: 6, colorLighting: 7, artifacts: 9 },
  summary: `Scored ${overall}.`,
  strengths: ["soft light"],
  issues: [{ id: "i1", aspect: "composition", severity: "medium", problem: "Centred subject", fix: "Use thirds" }],
  revisedPrompt: "SECRET-REVISION never shown on a share page",
});

async function step({ projectId, ownerId, parentId, n, prompt = `rendered prompt ${n}` }: { projectId: string; ownerId: string; parentId: string | null; n: number; prompt?: string }) {
  const row: NewIteration = {
    projectId,
    ownerId,
    parentId,
    draft: `SECRET-DRAFT ${n}`,
    refinedPrompt: `refined ${n}`,
    renderedPrompt: prompt,
    providerId: "local",
    model: "local-v1",
    params: { providerId: "local", aspectRatio: "1:1", n: 1, seed: 987654 },
    seed: 987654,
    status: "done",
  };
  const iteration = await q.insertIteration(row);
  const key = `${String(n).repeat(64).slice(0, 64)}.png`;
  const [image] = await q.insertImages([
    { iterationId: iteration.id, position: 0, storageKey: key, sha256: key.slice(0, 64), width: 64, height: 48, mediaType: "image/png", bytes: 10 },
  ]);
  await q.insertCritique({ iterationId: iteration.id, imageId: image!.id, result: critique(n), engine: "offline", model: "offline", ms: 5 });
  return iteration;
}

/** A project with a line a → b → c, a branch b → x, and another project's iteration. */
async function fixture() {
  const ownerId = `owner-${crypto.randomUUID()}`;
  const project = await q.createProject({ ownerId, name: "Posters" });
  const a = await step({ projectId: project.id, ownerId, parentId: null, n: 1 });
  const b = await step({ projectId: project.id, ownerId, parentId: a.id, n: 2 });
  const c = await step({ projectId: project.id, ownerId, parentId: b.id, n: 3 });
  const x = await step({ projectId: project.id, ownerId, parentId: b.id, n: 4 });
  return { ownerId, project, a, b, c, x };
}

async function share({ projectId, iterationId, scope, expiresAt = null }: { projectId: string; iterationId: string; scope: "iteration" | "trail"; expiresAt?: Date | null }) {
  const { token, tokenHash } = createShareToken();
  const row = await q.createShare({ projectId, iterationId, scope, tokenHash, expiresAt });
  return { token, row };
}

describe("lookupShare", () => {
  it("opens an active link, and tells revoked and expired links (gone) from unknown ones", async () => {
    const { ownerId, project, c } = await fixture();
    const live = await share({ projectId: project.id, iterationId: c.id, scope: "iteration" });
    const expired = await share({ projectId: project.id, iterationId: c.id, scope: "iteration", expiresAt: new Date(Date.now() - 1000) });
    const later = await share({ projectId: project.id, iterationId: c.id, scope: "iteration", expiresAt: new Date(Date.now() + 60_000) });

    expect((await lookupShare({ token: live.token })).status).toBe("active");
    expect((await lookupShare({ token: later.token })).status).toBe("active");
    expect((await lookupShare({ token: later.token, now: new Date(Date.now() + 120_000) })).status).toBe("gone");
    expect((await lookupShare({ token: expired.token })).status).toBe("gone");
    expect((await lookupShare({ token: createShareToken().token })).status).toBe("not_found");
    expect((await lookupShare({ token: "not-a-token" })).status).toBe("not_found");

    // Only the owner can revoke.
    expect(await revokeShareLink({ ownerId: "someone-else", shareId: live.row.id })).toBeNull();
    expect((await lookupShare({ token: live.token })).status).toBe("active");
    await revokeShareLink({ ownerId, shareId: live.row.id });
    expect((await lookupShare({ token: live.token })).status).toBe("gone");
  });

  it("keeps only the hash: the token itself is nowhere in the row", async () => {
    const { project, c } = await fixture();
    const { token, row } = await share({ projectId: project.id, iterationId: c.id, scope: "iteration" });
    expect(JSON.stringify(row)).not.toContain(token);
  });
});

describe("share cache", () => {
  it("serves a seen link from memory, drops it at once on revoke or project deletion here, and for at most the TTL when another instance revoked it", async () => {
    const { ownerId, project, c } = await fixture();
    const { token, row } = await share({ projectId: project.id, iterationId: c.id, scope: "iteration" });
    const first = await loadSharePage(token);
    expect(first.status).toBe("active");
    const hash = hashShareToken(token);
    expect(cachedShare(hash)?.work).toEqual(first.status === "active" ? first.work : undefined);

    // Revoked behind the cache's back (straight in the database; on PGlite no other Loupe process can): the row stays cached…
    await q.revokeShare({ ownerId, shareId: row.id });
    expect((await lookupShare({ token })).status).toBe("active");
    // …until the TTL runs out.
    expect(cachedShare(hash, Date.now() + SHARE_CACHE_TTL_MS + 1)).toBeUndefined();
    expect((await lookupShare({ token })).status).toBe("gone");

    const other = await share({ projectId: project.id, iterationId: c.id, scope: "trail" });
    expect((await lookupShare({ token: other.token })).status).toBe("active");
    await q.deleteProject({ ownerId, projectId: project.id });
    forgetSharesOfProject(project.id);
    expect((await lookupShare({ token: other.token })).status).toBe("not_found");
  });

  it("judges expiry on every read, never from the cache", async () => {
    const { project, c } = await fixture();
    const { token } = await share({ projectId: project.id, iterationId: c.id, scope: "iteration", expiresAt: new Date(Date.now() + 60_000) });
    expect((await lookupShare({ token })).status).toBe("active");
    expect((await lookupShare({ token, now: new Date(Date.now() + 61_000) })).status).toBe("gone");
  });
});

describe("sharePageResponse", () => {
  const get = (token: string, headers: Record<string, string> = {}) => sharePageResponse({ token, request: new Request(`http://127.0.0.1:3000/s/${token}`, { headers }) });

  it("answers an active link with plain HTML and no script, from the cache once rendered, 304 for a returning browser", async () => {
    const { project, c } = await fixture();
    const { token } = await share({ projectId: project.id, iterationId: c.id, scope: "iteration" });
    const first = await get(token);
    expect(first.status).toBe(200);
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    expect(first.headers.get("x-robots-tag")).toContain("noindex");
    expect(first.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const body = await first.text();
    expect(body).toContain("rendered prompt 3");
    expect(body).not.toMatch(/<script/i);
    expect(body).toContain(`<meta property="og:image" content="http://127.0.0.1:3000/s/${token}/opengraph-image">`);
    expect(body).toMatch(/<img src="\/s\/[^"]+\/images\/3{64}\.png"[^>]* width="64" height="48"/);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(await (await get(token)).text()).toBe(body);
    expect((await get(token, { "if-none-match": etag })).status).toBe(304);
    // The visitor's language: the cookie first, then the browser's.
    expect(await (await get(token, { "accept-language": "zh-CN,zh;q=0.9" })).text()).toContain('<html lang="zh-CN">');
    expect(await (await get(token, { "accept-language": "zh-CN", cookie: "loupe-locale=en" })).text()).toContain('<html lang="en">');
  });

  it("answers 410 at once after a revoke, even with the page cached, and 404 for unknown or malformed tokens", async () => {
    const { ownerId, project, c } = await fixture();
    const { token, row } = await share({ projectId: project.id, iterationId: c.id, scope: "iteration" });
    expect((await get(token)).status).toBe(200);
    await revokeShareLink({ ownerId, shareId: row.id });
    const gone = await get(token);
    expect(gone.status).toBe(410);
    expect(gone.headers.get("referrer-policy")).toBe("no-referrer");
    expect(gone.headers.get("cache-control")).toBe("no-store");
    expect(await gone.text()).toContain("This link is no longer available");
    for (const unknown of [createShareToken().token, "nope", `${"Q".repeat(42)}B`]) {
      const response = await get(unknown);
      expect(response.status, unknown).toBe(404);
      expect(await response.text()).toContain("This share link does not exist");
    }
  });

  it("escapes what the owner wrote", async () => {
    const { ownerId, project } = await fixture();
    const hostile = await step({ projectId: project.id, ownerId, parentId: null, n: 5, prompt: 'a <script>alert(1)</script> "quoted" & more' });
    const { token } = await share({ projectId: project.id, iterationId: hostile.id, scope: "iteration" });
    const body = await (await get(token)).text();
    expect(body).not.toContain("<script>");
    expect(body).toContain("a &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; more");
  });
});

describe("loadSharedWork", () => {
  it("shows one iteration: its image, final prompt and critique, and none of the owner's other work", async () => {
    const { project, b } = await fixture();
    const { row, token } = await share({ projectId: project.id, iterationId: b.id, scope: "iteration" });
    const work = await loadSharedWork({ share: row, token });
    expect(work?.earlier).toEqual([]);
    expect(work?.featured.prompt).toBe("rendered prompt 2");
    expect(work?.featured.variants).toHaveLength(1);
    expect(work?.featured.variants[0]?.image).toMatchObject({ url: `/s/${token}/images/${"2".repeat(64)}.png`, width: 64, height: 48 });
    expect(work?.featured.variants[0]?.critique).toMatchObject({ overall: 2, summary: "Scored 2.", engine: "offline" });
    const json = JSON.stringify(work);
    for (const secret of ["SECRET-DRAFT", "SECRET-REVISION", "refined 2", "987654", "rendered prompt 1", "rendered prompt 3", "Posters"]) {
      expect(json, secret).not.toContain(secret);
    }
  });

  it("shows a trail as the ancestors of the shared iteration, oldest first, without siblings or later steps", async () => {
    const { project, a, b, c } = await fixture();
    const { row, token } = await share({ projectId: project.id, iterationId: c.id, scope: "trail" });
    const work = await loadSharedWork({ share: row, token });
    expect(work?.earlier.map((i) => i.id)).toEqual([a.id, b.id]);
    expect(work?.featured.id).toBe(c.id);
    expect(JSON.stringify(work)).not.toContain("rendered prompt 4");

    const fromMiddle = await share({ projectId: project.id, iterationId: b.id, scope: "trail" });
    const middle = await loadSharedWork({ share: fromMiddle.row, token: fromMiddle.token });
    expect([...(middle?.earlier ?? []), middle?.featured].map((i) => i?.prompt)).toEqual(["rendered prompt 1", "rendered prompt 2"]);
  });

  it("never follows a parent link into another project", async () => {
    const other = await fixture();
    const { ownerId, project } = await fixture();
    const grafted = await step({ projectId: project.id, ownerId, parentId: other.c.id, n: 5 });
    const { row, token } = await share({ projectId: project.id, iterationId: grafted.id, scope: "trail" });
    const work = await loadSharedWork({ share: row, token });
    expect(work?.earlier).toEqual([]);
    expect(work?.featured.id).toBe(grafted.id);
  });
});
