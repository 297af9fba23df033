/**
 * What the Anthropic fake (anthropic.ts) knows about the critique of an edit and of a render
 * with a moodboard. Such a request asks, in its output schema, for `region` and/or `references`;
 * its images must each come right after a text block naming them ("Before — …", "Mask — …",
 * "After — …", "Reference 2 of 3 — palette:"), as Loupe sends them, and the fake refuses a request
 * that does not. It answers from the pixels it was sent: a real diff of Before and After inside
 * and outside the mask, and each reference's mean colour against the render's.
 */
import sharp from "sharp";

type Block = Record<string, unknown> & { type?: unknown };
type Request = { messages: Array<{ role: string; content: string | Block[] }>; output_config?: { format?: { schema?: unknown } } };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const ROLES = ["style", "subject", "palette", "composition"];
const REFERENCE_LABEL = /^Reference (\d+) of (\d+) — ([a-z]+):$/;

export type EditParts = {
  region?: { followed: boolean; outsideChanged: boolean; notes: string };
  references?: Array<{ index: number; role: string; score: number; notes: string }>;
};

/** Which verdicts the request's output schema asks for. */
function asked(request: Request): { region: boolean; references: boolean } {
  const schema = request.output_config?.format?.schema;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  return { region: "region" in properties, references: "references" in properties };
}

type Labelled = { label: string; bytes: Buffer };

/** Every image block with the text block before it. */
function labelledImages(request: Request): Labelled[] {
  const content = request.messages.filter((m) => m.role === "user").flatMap((m) => (typeof m.content === "string" ? [] : m.content));
  return content.flatMap((block, i) => {
    if (!isRecord(block) || block.type !== "image" || !isRecord(block.source)) return [];
    const before = content[i - 1];
    const label = isRecord(before) && before.type === "text" && typeof before.text === "string" ? before.text.trim() : "";
    return [{ label, bytes: Buffer.from(String(block.source.data ?? ""), "base64") }];
  });
}

type Raw = { data: Buffer; width: number; height: number };
const raw = async (bytes: Buffer, size?: { width: number; height: number }): Promise<Raw> => {
  const pipeline = sharp(bytes).flatten({ background: "#ffffff" }).removeAlpha();
  const { data, info } = await (size ? pipeline.resize(size.width, size.height, { fit: "fill" }) : pipeline).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

/** The edit's verdict from the pixels: what share of the region changed, and of the rest. */
async function regionFromPixels({ before, mask, after }: { before: Buffer; mask: Buffer; after: Buffer }): Promise<EditParts["region"] | { problem: string }> {
  const [b, m] = await Promise.all([sharp(before).metadata(), sharp(mask).metadata()]);
  if (Math.abs(Math.log(b.width / b.height) - Math.log(m.width / m.height)) > 0.01) return { problem: `the mask (${m.width}x${m.height}) must have the shape of the Before image (${b.width}x${b.height})` };
  const result = await raw(after);
  const size = { width: result.width, height: result.height };
  const [was, painted] = await Promise.all([raw(before, size), raw(mask, size)]);
  let [inside, insideChanged, outside, outsideChanged] = [0, 0, 0, 0];
  for (let i = 0; i < size.width * size.height; i++) {
    const d = Math.max(...[0, 1, 2].map((c) => Math.abs(was.data[i * 3 + c]! - result.data[i * 3 + c]!)));
    if (painted.data[i * 3]! >= 128) {
      inside++;
      if (d > 12) insideChanged++;
    } else {
      outside++;
      if (d > 12) outsideChanged++;
    }
  }
  const [inShare, outShare] = [insideChanged / Math.max(1, inside), outsideChanged / Math.max(1, outside)];
  const followed = inShare > 0.15;
  const outsideMoved = outShare > 0.002;
  const notes = `In the painted region ${Math.round(inShare * 100)}% of the pixels changed${followed ? ", showing new content" : "; it looks the same as before"}. ${outsideMoved ? `Outside it ${(outShare * 100).toFixed(1)}% of the pixels changed too.` : "Outside it nothing changed."}`;
  return { followed, outsideChanged: outsideMoved, notes };
}

async function meanColour(bytes: Buffer): Promise<number[]> {
  const stats = await sharp(bytes).flatten({ background: "#ffffff" }).stats();
  const [r, g = r, b = r] = stats.channels.map((c) => c.mean);
  return [r!, g!, b!];
}

const hex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;

/**
 * The verdicts an edit or moodboard critique adds, or why the request is malformed; undefined
 * when the request is neither.
 */
export async function fakeEditParts(request: Request): Promise<{ parts: EditParts } | { problem: string } | undefined> {
  const wants = asked(request);
  if (!wants.region && !wants.references) return undefined;
  const images = labelledImages(request);
  const find = (prefix: string) => images.find((i) => i.label.startsWith(prefix));
  const parts: EditParts = {};
  const render = find(wants.region ? "After —" : "The render to critique:");
  if (!render) return { problem: `the render must be an image block right after the text block "${wants.region ? "After — …" : "The render to critique:"}"` };
  if (wants.region) {
    const before = find("Before —");
    const mask = find("Mask —");
    if (!before || !mask) return { problem: "an edit critique must send the Before image and the Mask, each as an image block right after its label" };
    const region = await regionFromPixels({ before: before.bytes, mask: mask.bytes, after: render.bytes });
    if (region && "problem" in region) return { problem: region.problem };
    parts.region = region;
  }
  if (wants.references) {
    const references = images.map((i) => ({ image: i, label: REFERENCE_LABEL.exec(i.label) })).filter((r) => r.label !== null);
    if (references.length === 0) return { problem: 'a moodboard critique must send each reference as an image block right after "Reference N of M — role:"' };
    const ordered = references.every((r, i) => Number(r.label![1]) === i + 1 && Number(r.label![2]) === references.length && ROLES.includes(r.label![3]!));
    if (!ordered) return { problem: "moodboard references must be numbered 1…M in order, each with a role of style, subject, palette or composition" };
    const target = await meanColour(render.bytes);
    parts.references = await Promise.all(
      references.map(async (r, i) => {
        const colour = await meanColour(r.image.bytes);
        const distance = Math.hypot(colour[0]! - target[0]!, colour[1]! - target[1]!, colour[2]! - target[2]!);
        const score = Math.round(Math.max(0, 10 - distance / 44) * 10) / 10;
        return { index: i + 1, role: r.label![3]!, score, notes: `The reference's mean colour ${hex(colour)} against the render's ${hex(target)}.` };
      }),
    );
  }
  return { parts };
}
