/* Labels the studio shows beside providers and images: list prices and call times. Browser-safe. */
import type { Translate } from "@/lib/i18n/translate";

/** "$0.025", "$0.0027", "free" or "price unknown": list prices per image are small, so keep their significant digits. */
export function formatListPrice(usd: number | null): string {
  if (usd === null) return "price unknown";
  if (usd === 0) return "free";
  return `$${usd >= 0.01 ? Number(usd.toFixed(3)) : Number(usd.toPrecision(2))}`;
}

/** The picker's hint for one provider, in the UI's language: "~5 s · $0.025/image" (typical, from the capability table). */
export function describeFigures(input: { latencySeconds: number; priceUsd: number | null }, t: Translate): string {
  const price = input.priceUsd === null ? t("render.priceUnknown") : input.priceUsd === 0 ? t("render.free") : t("render.perImage", { usd: formatListPrice(input.priceUsd) });
  return t("render.figures", { seconds: input.latencySeconds, price });
}

/** A call's own time, as designers read it: "850 ms", "2.4 s", "14 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
