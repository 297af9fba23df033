import "server-only";
import { revokeShare } from "@/lib/db/queries";
import type { Share } from "@/lib/db/schema";
import { forgetShare } from "./share-cache";

/** Revokes one of the owner's links and drops it from this instance's share cache, so its next request answers 410. */
export async function revokeShareLink({ ownerId, shareId }: { ownerId: string; shareId: string }): Promise<Share | null> {
  const share = await revokeShare({ ownerId, shareId });
  if (share) forgetShare(share.tokenHash);
  return share;
}
