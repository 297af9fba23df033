"use client";

import type { IterationView } from "@/lib/schemas/iteration";
import { useStudio } from "./studio-context";

export function useCurrentIteration(): IterationView | null {
  return useStudio((s) => s.iterations.find((i) => i.id === s.currentId) ?? null);
}

/** "v3" — the iteration's place in creation order, which is how designers talk about them. */
export function useVersionLabel(): (id: string) => string {
  const iterations = useStudio((s) => s.iterations);
  return (id) => `v${iterations.findIndex((i) => i.id === id) + 1}`;
}
