import { sharePageResponse } from "@/lib/share/share-response";

/**
 * GET /s/<token> — a share link's public page: plain HTML with no JavaScript, made and cached
 * by lib/share/share-response.ts, which also answers 404 for unknown links and 410 for revoked
 * or expired ones (the proxy does not run here).
 */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  return sharePageResponse({ token, request });
}
