"use client";

import type { IterationView } from "@/lib/schemas/iteration";
import { useStudio } from "./studio-context";

export function useCurrentIteration(): IterationView | null {
  return useStudio((s) => s.iterations.find((i) => i.id === s.currentId) ?? null);
}
