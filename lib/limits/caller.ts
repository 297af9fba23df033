import "server-only";
import { ensureOwnerId, readOwnerId } from "@/lib/auth/owner";
import { passwordRequired } from "@/lib/auth/team-password";
import { currentClientIp } from "./client-ip";
import type { WorkRequest } from "./work";

/**
 * Who is asking, as the limits see it. A request without a valid owner cookie is given an owner
 * (and the cookie) as before, but its per-owner limits count against its address: otherwise a
 * client that drops its cookie on every request would start each one with a fresh allowance.
 */
export async function currentCaller(): Promise<{ ownerId: string; limits: Omit<WorkRequest, "kind" | "estimateUsd"> }> {
  const existing = await readOwnerId();
  const ownerId = existing ?? (await ensureOwnerId());
  const ip = await currentClientIp();
  return { ownerId, limits: { ownerId: existing ?? `address:${ip}`, ip, anonymous: !passwordRequired() } };
}
