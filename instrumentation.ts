/** Next.js start-up hook. NEXT_RUNTIME is Next's own switch, the one env read outside lib/env.ts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stampClientAddresses } = await import("./lib/server/client-address");
  stampClientAddresses();
  const { configureSharp } = await import("./lib/images/sharp-settings");
  configureSharp();
  const { startServer } = await import("./lib/server/startup");
  try {
    await startServer();
  } catch (error) {
    // A server that cannot work must not say "Ready" and answer 500s: one line, then a non-zero exit.
    const { startFailureLine } = await import("./lib/server/start-checks");
    console.error(startFailureLine(error));
    process.exit(1);
  }
}
