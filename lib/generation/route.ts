/**
 * Which provider serves a render. Pure, so routing rules can be tested without a network;
 * a capability table (text rendering, aspect ratios, cost) can later feed `candidates`.
 */
export type RouteCandidate = { id: string; local: boolean };

export function routeProvider(input: { requested: string; candidates: RouteCandidate[] }): string | undefined {
  const { requested, candidates } = input;
  if (requested !== "auto") return candidates.find((c) => c.id === requested)?.id;
  // For now "auto" prefers any configured remote provider, in registry order, over the local renderer.
  return (candidates.find((c) => !c.local) ?? candidates.find((c) => c.local))?.id;
}
