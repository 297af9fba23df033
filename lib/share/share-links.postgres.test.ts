import { describe, expect, it } from "vitest";
import * as q from "@/lib/db/queries";
import { freshPostgresForFile } from "@/tests/support/db-suite";
import { cachedShare } from "./share-cache";
import { sharePageResponse } from "./share-response";
import { createShareToken } from "./token";

/*
 * Several Loupe instances may serve one PostgreSQL database. A link revoked, or a project
 * deleted, through another instance must stop here at once, though this instance has the page
 * cached: each request re-reads the link's row (lib/share/lookup.ts).
 */
freshPostgresForFile();

async function sharedIteration() {
  const ownerId = `owner-${crypto.randomUUID()}`;
  const project = await q.createProject({ ownerId, name: "Posters" });
  const iteration = await q.insertIteration({
    projectId: project.id,
    ownerId,
    parentId: null,
    draft: "draft",
    refinedPrompt: "refined",
    renderedPrompt: "a poster, shared",
    providerId: "local",
    model: "local-v1",
    params: { providerId: "local", aspectRatio: "1:1", n: 1, seed: 1 },
    seed: 1,
    status: "done",
  });
  const { token, tokenHash } = createShareToken();
  const share = await q.createShare({ projectId: project.id, iterationId: iteration.id, scope: "iteration", tokenHash, expiresAt: null });
  return { ownerId, project, share, token, tokenHash };
}

const get = (token: string) => sharePageResponse({ token, request: new Request(`http://127.0.0.1:3000/s/${token}`) });

describe("share page on PostgreSQL", () => {
  it("stops at once when another instance revokes the link, though this one has the page cached", async () => {
    const { ownerId, share, token, tokenHash } = await sharedIteration();
    expect((await get(token)).status).toBe(200);
    expect((await get(token)).status).toBe(200);
    expect(cachedShare(tokenHash)?.pages?.size).toBe(1);
    // Another instance revokes: straight in the database, this instance's cache is not told.
    await q.revokeShare({ ownerId, shareId: share.id });
    expect((await get(token)).status).toBe(410);
  });

  it("answers 404 at once when another instance deleted the project", async () => {
    const { ownerId, project, token } = await sharedIteration();
    expect((await get(token)).status).toBe(200);
    await q.deleteProject({ ownerId, projectId: project.id });
    expect((await get(token)).status).toBe(404);
  });
});
