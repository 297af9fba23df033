import "server-only";
import { createHash } from "node:crypto";

/**
 * A UUID (version 5 layout) derived from its parts: the same parts give the same id, so work
 * named by it (a job, an auto-iterate round's render) is found again instead of made twice.
 */
export function derivedUuid(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
