import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SharedResult, sharedVideoUrl } from "@/components/share/shared-result";
import { CjkFont } from "@/components/ui/cjk-font";
import { getTranslator } from "@/lib/i18n/server";
import { loadSharePage } from "@/lib/share/share-page";
import { formatScore } from "@/lib/schemas/score";
import { leadVariant } from "@/lib/schemas/shared-work";

type Props = { params: Promise<{ token: string }> };

/*
 * A share link's public page. Revoked and expired links are answered with 410 by the proxy
 * before this renders; the page still refuses anything inactive (404), so a race never shows
 * a revoked share.
 */
export default async function SharePage({ params }: Props) {
  const { token } = await params;
  const page = await loadSharePage(token);
  if (page.status !== "active") notFound();
  return (
    <>
      <CjkFont text={JSON.stringify(page.work)} />
      <SharedResult work={page.work} token={token} />
    </>
  );
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const page = await loadSharePage(token);
  // robots, referrer and metadataBase come from ./layout.tsx.
  if (page.status !== "active") return { title: (await getTranslator()).t("shared.unavailable") };

  const { featured, scope, earlier } = page.work;
  const lead = leadVariant(featured);
  const critique = lead?.critique;
  const score = critique ? `${formatScore(critique.overall)}/10` : null;
  const title = [score, clip(featured.prompt, 70)].filter(Boolean).join(" · ");
  const what = scope === "trail" ? `A trail of ${earlier.length + 1} iterations` : lead?.video ? "A clip" : "An image";
  // A clip plays in the preview where the site can (og:video); the preview image (og:image) is made from its poster frame.
  const videos = lead?.video ? [{ url: sharedVideoUrl({ token, key: lead.video.key }), type: lead.video.mediaType, width: lead.image.width, height: lead.image.height }] : undefined;
  const description = clip(`${what} shared from Loupe${score ? `, critiqued ${score}` : ""}. ${critique?.summary ?? featured.prompt}`, 200);
  return {
    // The preview image itself comes from ./opengraph-image.tsx, made absolute with the layout's metadataBase.
    title,
    description,
    openGraph: { type: videos ? "video.other" : "website", siteName: "Loupe", title, description, ...(videos ? { videos } : {}) },
    twitter: { card: "summary_large_image", title, description },
  };
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}
