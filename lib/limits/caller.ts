import "server-only";
import { ensureOwnerId, readOwnerId } from "@/lib/auth/owner";
import { passwordRequired } from "@/lib/auth/team-password";
import { currentClientIp } from "./client-ip";
import type { WorkRequest } from "./work";

/**
 * Who is asking, as the limits see it. A request without a valid owner cookie is given an owner
 * (and the cookie) as before, but its per-owner rate also counts against its address: otherwise a
 * client that drops its cookie on every request would start each one with a fresh allowance. (The
 * job cap stays per owner: several new visitors behind one address may start at the same moment;
 * the address's rate and the visitor budget per address bound a cookie-dropping client.)
 */
export async function currentCaller(): Promise<{ ownerId: string; limits: Omit<WorkRequest, "kind" | "estimateUsd"> }> {
  const existing = await readOwnerId();
  const ownerId = existing ?? (await ensureOwnerId());
  const ip = await currentClientIp();
  return { ownerId, limits: { ownerId, ip, cookieless: existing === null, anonymous: !passwordRequired() } };
}
