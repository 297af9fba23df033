import type { z } from "zod";
import { invalidInput } from "@/lib/errors";

/** Parses untrusted input at a server boundary; failures become a typed, user-readable error. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return parsed.data;
}
