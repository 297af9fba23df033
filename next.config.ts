import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // `npm test` builds once per supported Node major; the second build goes beside the first
  // (LOUPE_DIST_DIR=.next-node24) so neither clobbers the other. Unset everywhere else.
  distDir: process.env.LOUPE_DIST_DIR || ".next",
  // Native and WASM-backed server packages must be loaded by Node at run time, not bundled.
  // @ffmpeg-installer/ffmpeg finds its binary from its own location; mediabunny writes files through node:fs.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "opentype.js", "undici", "@ffmpeg-installer/ffmpeg", "mediabunny", "tesseract.js", "tesseract.js-core"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Actions carry prompts and ids, never images (uploads go to /api/references). proxy.ts
    // refuses larger bodies with 413 first (ACTION_BODY_LIMIT_BYTES); Next would answer 500.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [
      {
        // Share links are capabilities: the token must not leak to other sites through Referer,
        // and search engines must not index what a designer shared with one person.
        source: "/s/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

export default nextConfig;
