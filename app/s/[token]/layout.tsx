import type { Metadata } from "next";
import { headers } from "next/headers";

/*
 * Metadata every share URL gets, whatever the token: its not-found answer included (that one
 * renders without the page's own metadata). The origin makes the preview image URL absolute.
 */
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: await requestOrigin(),
    robots: { index: false, follow: false, nocache: true },
    referrer: "no-referrer",
  };
}

export default function ShareLayout({ children }: { children: React.ReactNode }) {
  return children;
}

/** The origin the visitor used, so preview URLs work behind any host name or proxy. */
async function requestOrigin(): Promise<URL | null> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  if (!host) return null;
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`);
  } catch {
    return null;
  }
}
