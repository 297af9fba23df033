import "server-only";
import type { CritiqueInput, CritiqueOutput, UnderstandingEngine } from "../types";

/**
 * Runs k critiques of one round so that they share one cache entry. Their prompts differ only
 * after the breakpoints (the image under review and its prompt come last), but a cache entry can
 * be read only once the request that writes it has begun answering: sent all at once, every one
 * of them would pay to write the same prefix. So the first is sent alone and the others follow,
 * together, as soon as its answer begins (or it ends, if it fails before) — they then read the
 * handbook, the task, the references and the model notes from the cache.
 *
 * Results come back in the inputs' order, each settled on its own: one failed critique never
 * loses the others (the orchestration keeps the image and offers Retry for that one).
 */
export async function critiquesWarmFirst({ engine, inputs }: { engine: Pick<UnderstandingEngine, "critique">; inputs: readonly CritiqueInput[] }): Promise<Array<PromiseSettledResult<CritiqueOutput>>> {
  const [first, ...rest] = inputs;
  if (!first) return [];
  let release!: () => void;
  const warmed = new Promise<void>((resolve) => (release = resolve));
  const firstDone = settle(
    engine.critique({
      ...first,
      onStarted: () => {
        first.onStarted?.();
        release();
      },
    }),
  );
  void firstDone.then(release);
  await warmed;
  const others = rest.map((input) => settle(engine.critique(input)));
  return [await firstDone, ...(await Promise.all(others))];
}

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: "fulfilled", value }) as const,
    (reason: unknown) => ({ status: "rejected", reason }) as const,
  );
}
