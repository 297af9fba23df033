/**
 * The reliability suites, run by scripts/test.sh after `next build` against the production
 * build: `npx tsx tests/reliability/run.ts [idempotency|crash|faults]…` (all when none given).
 * Ports: LOUPE_RELIABILITY_PORT (default 3340) and the next few.
 */
import { autoIterateCrashSuite } from "./auto-crash";
import { crashSuite } from "./crash";
import { faultSuite } from "./faults";
import { idempotencySuite } from "./idempotency";

const base = Number(process.env.LOUPE_RELIABILITY_PORT ?? 3340);
const suites = {
  idempotency: () => idempotencySuite({ port: base }),
  crash: async () => {
    await crashSuite({ port: base + 1 });
    await autoIterateCrashSuite({ port: base + 1 });
  },
  faults: () => faultSuite({ port: base + 2 }),
} as const;
type Name = keyof typeof suites;

async function main() {
  const asked = process.argv.slice(2) as Name[];
  const chosen = asked.length > 0 ? asked : (Object.keys(suites) as Name[]);
  for (const name of chosen) {
    if (!(name in suites)) throw new Error(`Unknown suite ${name}; choose from ${Object.keys(suites).join(", ")}`);
    const started = performance.now();
    await suites[name]();
    console.info(`✓ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
