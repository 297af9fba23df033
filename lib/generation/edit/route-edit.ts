import "server-only";
import { EditError } from "@/lib/images/edit-errors";
import { by, fallbackChain, price, type Route, type RouteCandidate } from "../route";
import { fitOf, needsPhrase, targetPhrase, type EditNeeds } from "./fit";

/*
 * Where a render that carries an image, a painted region or a moodboard goes. Only models that
 * can take it are candidates. Auto picks the best of them (those that take the references as
 * images before those that get words) and says why in one line; an explicit choice keeps its
 * provider, moved to that provider's model that can (fal FLUX dev → FLUX Fill for a painted
 * region), and a provider none of whose models can is refused before any call. Pure.
 */

type EditRouting = { candidates: RouteCandidate[]; needs: EditNeeds; defaults: Record<string, string>; maxFallbacks: number };

const fits = (needs: EditNeeds) => (c: RouteCandidate) => fitOf(c.capability, needs).ok;
const asImages = (needs: EditNeeds) => (c: RouteCandidate) => {
  const fit = fitOf(c.capability, needs);
  return fit.ok && fit.referencesAs === "images";
};

function rankFor(needs: EditNeeds) {
  const images = asImages(needs);
  return by((c) => (images(c) ? 0 : 1), (c) => -c.capability.quality, price, (c) => c.capability.latencySeconds);
}

/** Each provider's model for this render: its default when that can take it, else its best that can. */
export function editDefaults({ candidates, needs, defaults }: Pick<EditRouting, "candidates" | "needs" | "defaults">): Record<string, string> {
  const fitting = candidates.filter(fits(needs)).sort(rankFor(needs));
  const out: Record<string, string> = {};
  for (const c of fitting) {
    if (out[c.providerId]) continue;
    const preferred = defaults[c.providerId];
    const keepsDefault = fitting.some((f) => f.providerId === c.providerId && f.capability.model === preferred);
    out[c.providerId] = keepsDefault ? preferred! : c.capability.model;
  }
  return out;
}

const describe = (c: RouteCandidate) => `${c.label} · ${c.capability.model}`;

function autoRoute({ candidates, needs }: Pick<EditRouting, "candidates" | "needs">): Route {
  const remote = candidates.filter((c) => !c.local && fits(needs)(c)).sort(rankFor(needs));
  const best = remote[0];
  if (!best) {
    const local = candidates.find((c) => c.local);
    if (!local) throw new Error("edit routing needs at least the local renderer");
    return { providerId: local.providerId, model: local.capability.model, reason: `${needsPhrase(needs)} → Local renderer (no configured provider ${noneCan(needs)})` };
  }
  const fit = fitOf(best.capability, needs);
  const words = fit.ok && fit.referencesAs === "words" ? " — the references as words, no model here takes them as images" : "";
  return { providerId: best.providerId, model: best.capability.model, reason: `${needsPhrase(needs)} → ${targetPhrase(needs)} (${describe(best)})${words}` };
}

function noneCan(needs: EditNeeds): string {
  if (needs.mask) return "edits with masks";
  if (needs.image) return "edits images";
  return "takes these references";
}

/** Why no model of a provider can take the render, in the words of the first reason that fails. */
function providerMissing({ rows, needs }: { rows: RouteCandidate[]; needs: EditNeeds }): string {
  if (needs.mask && !rows.some((c) => c.capability.edit?.mask)) return "cannot repaint a painted region: none of its models takes a mask";
  if (needs.image && !rows.some((c) => c.capability.edit?.edits || c.capability.edit?.mask)) return "cannot edit an input image: none of its models takes one";
  const first = rows.map((c) => fitOf(c.capability, needs)).find((f) => !f.ok);
  return first && !first.ok ? first.missing.replace(/^it /, "") : "cannot take this render";
}

function ableProviders({ candidates, needs }: Pick<EditRouting, "candidates" | "needs">): string[] {
  const labels = candidates.filter(fits(needs)).map((c) => (c.local ? "the Local renderer" : c.label));
  return [...new Set(labels)];
}

/** The designer's provider, on its model that can take the render; undefined when not configured; refused when none can. */
export function explicitEditRoute(input: Pick<EditRouting, "candidates" | "needs" | "defaults"> & { providerId: string; model?: string }): Route | undefined {
  const rows = input.candidates.filter((c) => c.providerId === input.providerId);
  if (rows.length === 0) return undefined;
  const fitting = rows.filter(fits(input.needs));
  if (fitting.length === 0) {
    const who = rows[0]!.local ? "The Local renderer" : rows[0]!.label;
    throw new EditError({ reason: "cannot_edit", who, missing: providerMissing({ rows, needs: input.needs }), able: ableProviders(input) });
  }
  const chosen = fitting.find((c) => c.capability.model === input.model)?.capability.model;
  const model = chosen ?? editDefaults(input)[input.providerId] ?? fitting[0]!.capability.model;
  return { providerId: input.providerId, model, reason: "chosen by the designer" };
}

/** The first choice and its fallbacks (each among models that can take the render); null when the chosen provider is not configured. */
export function planEdit(input: EditRouting & { providerId: string; model?: string }): Route[] | null {
  const auto = input.providerId === "auto";
  const first = auto ? autoRoute(input) : explicitEditRoute(input);
  if (!first) return null;
  const candidates = input.candidates.filter(fits(input.needs));
  const defaults = editDefaults(input);
  return [first, ...fallbackChain({ first, auto, candidates, defaults, maxFallbacks: input.maxFallbacks })];
}
