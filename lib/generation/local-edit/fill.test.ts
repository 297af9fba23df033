import { describe, expect, it } from "vitest";
import { featherWeights, type Raster } from "@/lib/images/feather";
import { withStats } from "@/lib/images/mask";
import { fillRegion } from "./fill";

/*
 * The fill under a painted region must not carry what is being removed into it. A brush stroke
 * over a line of dark letters ends (round caps) in the middle of letters, so dark strokes
 * touch the region's border from outside; filled from the pixels right at the border, the region
 * took faint dark specks from them.
 */
const SIZE = 256;
const GROUND = 236;

/** A light ground with a row of dark letter strokes across it, like a headline. */
function headline(): Raster {
  const data = Buffer.alloc(SIZE * SIZE * 3, GROUND);
  for (let x0 = 20; x0 < SIZE - 20; x0 += 22) {
    for (let y = 60; y < 120; y++) {
      for (let x = x0; x < x0 + 10; x++) data.fill(18, (y * SIZE + x) * 3, (y * SIZE + x) * 3 + 3);
    }
  }
  return { data, width: SIZE, height: SIZE, channels: 3 };
}

/** A round-capped brush stroke across most of the line, its ends inside letters, with soft edges. */
function stroke() {
  const data = new Uint8Array(SIZE * SIZE);
  const [ax, bx, cy, r] = [52, 200, 90, 34];
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = x < ax ? ax - x : x > bx ? x - bx : 0;
      const d = Math.hypot(dx, y - cy);
      data[y * SIZE + x] = Math.round(255 * Math.min(1, Math.max(0, r + 1 - d)));
    }
  }
  return withStats({ data, width: SIZE, height: SIZE });
}

describe("filling a painted region", () => {
  it("leaves no dark specks of the letters it covers, where the stroke's ends cross letters", () => {
    const mask = stroke();
    const image = headline();
    const filled = fillRegion({ image, mask });
    // Where the fill shows as it is: past the inward feather, in which the old pixels show through by design.
    const shown = featherWeights(mask);
    let inside = 0;
    let dark = 0;
    for (let i = 0; i < SIZE * SIZE; i++) {
      if (shown[i]! < 1) continue;
      inside++;
      const luma = 0.2126 * filled.data[i * 3]! + 0.7152 * filled.data[i * 3 + 1]! + 0.0722 * filled.data[i * 3 + 2]!;
      // A third of the way from the ground to the ink is a speck anyone sees.
      if (luma < GROUND - 70) dark++;
    }
    expect(inside).toBeGreaterThan(5000);
    expect(dark).toBe(0);
  });

  it("changes nothing outside the painted region", () => {
    const mask = stroke();
    const image = headline();
    const filled = fillRegion({ image, mask });
    for (let i = 0; i < SIZE * SIZE; i++) if (mask.data[i] === 0) expect(filled.data[i * 3]).toBe(image.data[i * 3]);
  });
});
