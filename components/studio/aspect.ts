import type { AspectRatio } from "@/lib/schemas/params";

export function aspectRatioToCss(ratio: AspectRatio): string {
  return ratio.replace(":", " / ");
}
