import { readOwnerId } from "@/lib/auth/owner";
import { runningWork } from "@/lib/jobs/running";

/** GET /api/work — what is in flight for this browser's owner across every project (the header's running-work indicator). */
export async function GET(): Promise<Response> {
  const ownerId = await readOwnerId();
  const work = ownerId ? await runningWork({ ownerId }) : [];
  return Response.json({ work }, { headers: { "cache-control": "no-store" } });
}
