import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WASM-backed server packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "sharp", "pg", "opentype.js"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
