import { cookies } from "next/headers";
import { z } from "zod";
import { isSignedIn, passwordRequired, SIGN_IN_COOKIE } from "@/lib/auth/team-password";
import { LoupeError, toPublicError } from "@/lib/errors";
import { currentCaller } from "@/lib/limits/caller";
import { env } from "@/lib/env";
import { admitWork } from "@/lib/limits/work";
import { MAX_DESCRIBE_VIDEO_BYTES } from "@/lib/schemas/image-thread";
import { parseInput } from "@/lib/schemas/parse";
import { isCrossOrigin } from "@/lib/security/request-guards";
import { startDeadline } from "@/lib/server/deadline";
import { errorResponse } from "@/lib/server/error-response";
import { startThreadFromVideoUpload, videoTooLarge } from "@/lib/workflows/describe";

/**
 * POST /api/describe/video?projectId=… — a clip for Describe (MP4, WebM or MOV up to 200 MB),
 * sent as the request body itself (Content-Type video/…, the file name in X-File-Name). The
 * body is streamed to disk, never held in memory, so this route is left out of proxy.ts (the
 * proxy buffers bodies it sees) and makes the proxy's checks itself: same origin, and the team
 * password when one is set. The summary then streams from POST /api/describe/<threadId>.
 */
export async function POST(request: Request): Promise<Response> {
  const deadline = startDeadline();
  try {
    if (isCrossOrigin(request, { trustForwardedHost: env().LOUPE_TRUSTED_PROXY_HOPS > 0 })) throw new LoupeError("forbidden", { message: "Requests from other sites are not accepted." });
    if (passwordRequired() && !isSignedIn((await cookies()).get(SIGN_IN_COOKIE)?.value)) throw new LoupeError("forbidden", { message: "Sign in first." });
    if (!request.headers.get("content-type")?.startsWith("video/")) {
      throw new LoupeError("unsupported_media", { message: "Describe reads MP4, WebM and MOV videos: send the file with its video/… type." });
    }
    const declared = Number(request.headers.get("content-length") ?? 0);
    if (declared > MAX_DESCRIBE_VIDEO_BYTES) throw videoTooLarge(declared);
    if (!request.body) throw new LoupeError("bad_request", { message: "Send the video as the request body." });
    const projectId = parseInput(z.uuid().nullable(), new URL(request.url).searchParams.get("projectId") || null);
    const fileName = decodeFileName(request.headers.get("x-file-name"));
    const { ownerId, limits } = await currentCaller();
    // Probing and decoding a clip is CPU work: the rate limits and the job cap come first.
    const admitted = await admitWork({ kind: "work", ...limits });
    const body = request.body;
    return Response.json({ ok: true, value: await admitted.run(() => startThreadFromVideoUpload({ ownerId, projectId, body, fileName, signal: deadline.signal })) });
  } catch (error) {
    return errorResponse(toPublicError(deadline.explain(error)));
  }
}

function decodeFileName(header: string | null): string | null {
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}
