"use server";

import { z } from "zod";
import { readOwnerId } from "@/lib/auth/owner";
import { createShare, isShareActive, listShares } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import { LoupeError, toResult, type Result } from "@/lib/errors";
import { limited } from "@/lib/limits/guard";
import { parseInput as parse } from "@/lib/schemas/parse";
import { shareExpiryDays, shareScopes } from "@/lib/schemas/share";
import { revokeShareLink } from "@/lib/share/revoke";
import { createShareToken, sharePath } from "@/lib/share/token";
import { loadOwnedIteration } from "@/lib/workflows/owned";

/*
 * Share links for the owner. The token exists only in the answer to `createShareAction`:
 * the database keeps its hash, so a link cannot be shown again — only listed and revoked.
 */

const id = z.uuid();
const DAY_MS = 24 * 60 * 60 * 1000;

/** A link as the owner's dialog lists it. No token: it is not stored. */
export type ShareSummary = {
  id: string;
  scope: Share["scope"];
  iterationId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
};

const createInputSchema = z.object({
  projectId: id,
  iterationId: id,
  scope: z.enum(shareScopes),
  expiresInDays: z
    .union(shareExpiryDays.map((d) => z.literal(d)))
    .nullable()
    .optional(),
});

export async function createShareAction(
  raw: z.input<typeof createInputSchema>,
): Promise<Result<{ shareId: string; url: string; scope: Share["scope"]; expiresAt: string | null }>> {
  return toResult(() => limited("share", async ({ ownerId }) => {
    const input = parse(createInputSchema, raw);
    // Same answer for "not yours" and "not there": a caller learns nothing about other owners' ids.
    const iteration = await loadOwnedIteration({ ownerId, iterationId: input.iterationId, projectId: input.projectId });
    const { token, tokenHash } = createShareToken();
    const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null;
    const share = await createShare({
      projectId: iteration.projectId,
      iterationId: iteration.id,
      scope: input.scope,
      tokenHash,
      expiresAt,
    });
    return { shareId: share.id, url: sharePath(token), scope: share.scope, expiresAt: share.expiresAt?.toISOString() ?? null };
  }));
}

const revokeInputSchema = z.object({ shareId: id });

export async function revokeShareAction(raw: z.input<typeof revokeInputSchema>): Promise<Result<ShareSummary>> {
  return toResult(async () => {
    const { shareId } = parse(revokeInputSchema, raw);
    const ownerId = await readOwnerId();
    const share = ownerId ? await revokeShareLink({ ownerId, shareId }) : null;
    if (!share) throw new LoupeError("not_found", { message: "That link was not found." });
    return toSummary(share);
  });
}

const listInputSchema = z.object({ projectId: id });

export async function listSharesAction(raw: z.input<typeof listInputSchema>): Promise<Result<ShareSummary[]>> {
  return toResult(async () => {
    const { projectId } = parse(listInputSchema, raw);
    const ownerId = await readOwnerId();
    if (!ownerId) return [];
    return (await listShares({ ownerId, projectId })).map(toSummary);
  });
}

function toSummary(share: Share): ShareSummary {
  return {
    id: share.id,
    scope: share.scope,
    iterationId: share.iterationId,
    createdAt: share.createdAt.toISOString(),
    expiresAt: share.expiresAt?.toISOString() ?? null,
    revokedAt: share.revokedAt?.toISOString() ?? null,
    active: isShareActive(share),
  };
}
