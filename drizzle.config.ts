import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from lib/db/schema.ts; the app applies them itself when it opens the database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
