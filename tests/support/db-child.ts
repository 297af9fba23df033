/*
 * A separate Loupe process for the PGlite durability tests: opens the database from the
 * environment, writes one project, prints its id and waits to be signalled or killed.
 * Run with: node --conditions=react-server --import tsx tests/support/db-child.ts <name>
 */
import { createProject } from "@/lib/db/queries";

async function main(): Promise<void> {
  const project = await createProject({ ownerId: "child", name: process.argv[2] ?? "child" });
  process.stdout.write(`ready ${project.id}\n`);
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
