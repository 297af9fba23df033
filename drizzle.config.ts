import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from lib/db/schema.ts; the app applies them itself when it opens the database.
// `npm run db:generate` runs drizzle-kit under the react-server condition, where `server-only` (imported by the schema) is empty.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
