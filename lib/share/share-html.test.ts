import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/dictionaries";
import type { SharedIteration, SharedWork } from "@/lib/schemas/shared-work";
import { renderSharePage } from "./share-html";

/* The share page's HTML for a clip: the browser's own player and the unfurl tags, still no script. */

const TOKEN = "A".repeat(43);
const CLIP = `${"c".repeat(64)}.webm`;
const POSTER = `${"d".repeat(64)}.png`;

const iteration = (withClip: boolean): SharedIteration => ({
  id: "it-1",
  createdAt: "2026-12-07T10:00:00.000Z",
  prompt: 'A night "jazz" <festival> clip',
  providerLabel: "Local renderer",
  model: "local-video",
  variants: [
    {
      image: { key: POSTER, url: `/s/${TOKEN}/images/${POSTER}`, width: 1280, height: 720, alt: "A night jazz festival clip" },
      critique: {
        overall: 7.4,
        aspects: { promptAdherence: 8, motion: 7, composition: 7, text: 6, artifacts: 9 },
        summary: "Steady motion.",
        strengths: ["calm camera"],
        issues: [{ id: "i1", aspect: "motion", severity: "medium", problem: "The logo warps", fix: "Hold the logo still", at: "0:02" }],
        engine: "offline",
        model: "offline",
      },
      ...(withClip ? { video: { key: CLIP, mediaType: "video/webm", durationSeconds: 5 } } : {}),
    },
  ],
});

const work = (withClip: boolean): SharedWork => ({ scope: "iteration", createdAt: "2026-12-07T10:00:00.000Z", expiresAt: null, featured: iteration(withClip), earlier: [] });

const render = (withClip: boolean) => renderSharePage({ work: work(withClip), token: TOKEN, origin: "https://loupe.example", t: translator("en"), locale: "en" });

describe("renderSharePage with a clip", () => {
  it("plays it from the link's own video URL with its poster, and unfurls as a video", () => {
    const page = render(true);
    expect(page).toContain(`<video controls playsinline preload="metadata" poster="/s/${TOKEN}/images/${POSTER}"`);
    expect(page).toContain(`<source src="/s/${TOKEN}/videos/${CLIP}" type="video/webm">`);
    expect(page).toContain(`<meta property="og:video" content="https://loupe.example/s/${TOKEN}/videos/${CLIP}">`);
    expect(page).toContain('<meta property="og:video:type" content="video/webm">');
    expect(page).toContain('<meta property="og:type" content="video.other">');
    expect(page).toContain(`<meta property="og:image" content="https://loupe.example/s/${TOKEN}/opengraph-image">`);
    expect(page).not.toMatch(/<script/i);
    // The clip's aspects and the issue's time mark.
    expect(page).toContain("Motion &amp; temporal consistency");
    expect(page).toContain('<span class="at">0:02 — </span>The logo warps');
    expect(page).toContain("A clip shared from Loupe");
    // The prompt is escaped like any other text.
    expect(page).toContain("A night &quot;jazz&quot; &lt;festival&gt; clip");
  });

  it("leaves a still's page as it was: an image, og:type website, no og:video", () => {
    const page = render(false);
    expect(page).not.toContain("<video");
    expect(page).not.toContain("og:video");
    expect(page).toContain('<meta property="og:type" content="website">');
  });
});
