/** Next.js start-up hook. NEXT_RUNTIME is Next's own switch, the one env read outside lib/env.ts. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configureSharp } = await import("./lib/images/sharp-settings");
  configureSharp();
  const { startServer } = await import("./lib/server/startup");
  await startServer();
}
