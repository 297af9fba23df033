import { videoAspectKeys, videoAspectLabels } from "@/lib/schemas/video";
import { ImageResponse } from "next/og";
import { connection } from "next/server";
import { aspectKeys, aspectLabels } from "@/lib/schemas/critique";
import { previewFonts, previewImage } from "@/lib/share/preview-assets";
import { loadSharePage } from "@/lib/share/share-page";
import { formatScore } from "@/lib/schemas/score";
import { leadVariant, type SharedCritique } from "@/lib/schemas/shared-work";

/** The picture a pasted share link unfurls with: the shared image, "Loupe" and the critique score. */

export const alt = "An image shared from Loupe, with its critique score";
export const size = { width: 1200, height: 630 };
export const contentType = "image/png";

const ink = "#16151b";
const paper = "#f1efe9";
const muted = "#a9a5b3";
const accent = "#ff7a52";

export default async function Image({ params }: { params: Promise<{ token: string }> }) {
  // Never cached: a revoked link must stop unfurling at once.
  await connection();
  const { token } = await params;
  const page = await loadSharePage(token);
  if (page.status !== "active") {
    return new Response(null, { status: page.status === "gone" ? 410 : 404, headers: { "cache-control": "no-store" } });
  }
  const { featured, scope, earlier } = page.work;
  const lead = leadVariant(featured);
  const [fonts, picture] = await Promise.all([previewFonts(), lead ? previewImage({ key: lead.image.key, box: 566 }) : null]);
  const label = scope === "trail" ? `A trail of ${earlier.length + 1} iterations` : "A shared iteration";

  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", background: ink, color: paper, fontFamily: "Space Grotesk" }}>
        <div style={{ width: 630, height: 630, display: "flex", alignItems: "center", justifyContent: "center", background: "#0b0a0d" }}>
          {picture ? (
            <img src={picture.src} width={picture.width} height={picture.height} alt="" style={{ borderRadius: 16 }} />
          ) : (
            <div style={{ display: "flex", fontSize: 28, color: muted }}>No image</div>
          )}
        </div>
        <div style={{ flex: 1, display: "flex", flexDirection: "column", justifyContent: "space-between", padding: "52px 56px" }}>
          <Brand />
          {lead?.critique ? <Score critique={lead.critique} /> : <div style={{ display: "flex", fontSize: 34, color: muted }}>Not critiqued yet</div>}
          <div style={{ display: "flex", fontSize: 24, fontWeight: 500, color: muted }}>{label}</div>
        </div>
      </div>
    ),
    { ...size, fonts, headers: { "cache-control": "private, no-store", "referrer-policy": "no-referrer" } },
  );
}

function Brand() {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 14, fontSize: 40, fontWeight: 700, letterSpacing: -1 }}>
      <svg width="44" height="44" viewBox="0 0 24 24" fill="none">
        <circle cx="10" cy="10" r="6.5" stroke={paper} strokeWidth="2.2" />
        <circle cx="10" cy="10" r="2.6" fill={accent} />
        <path d="M15 15l6 6" stroke={paper} strokeWidth="2.6" strokeLinecap="round" />
      </svg>
      Loupe
    </div>
  );
}

function Score({ critique }: { critique: SharedCritique }) {
  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 18 }}>
      <div style={{ display: "flex", alignItems: "baseline" }}>
        <span style={{ fontSize: 150, fontWeight: 700, lineHeight: 1, letterSpacing: -4 }}>{formatScore(critique.overall)}</span>
        <span style={{ fontSize: 54, fontWeight: 500, color: muted, marginLeft: 8 }}>/10</span>
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 9 }}>
        {("motion" in critique.aspects ? videoAspectKeys.map((key) => [key, videoAspectLabels[key]] as const) : aspectKeys.map((key) => [key, aspectLabels[key]] as const)).map(([key, label]) => (
          <AspectBar key={key} label={label} score={critique.aspects[key] ?? 0} />
        ))}
      </div>
    </div>
  );
}

function AspectBar({ label, score }: { label: string; score: number }) {
  const color = score >= 7.5 ? "#5fd49a" : score >= 5 ? "#f0b550" : "#ff8a80";
  return (
    <div style={{ display: "flex", alignItems: "center", gap: 14, fontSize: 19, fontWeight: 500, color: muted }}>
      <div style={{ display: "flex", width: 190 }}>{label}</div>
      <div style={{ display: "flex", flex: 1, height: 8, borderRadius: 4, background: "#2e2c35" }}>
        <div style={{ display: "flex", width: `${score * 10}%`, height: 8, borderRadius: 4, background: color }} />
      </div>
      <div style={{ display: "flex", width: 40, justifyContent: "flex-end", color: paper }}>{formatScore(score)}</div>
    </div>
  );
}
