import { z } from "zod";

// Zod compiles object parsers with Function() when it may; the studio's CSP forbids eval, so its
// probe would be reported as a violation in every browser. Every schema module imports zod from
// here, so the setting is in force before any schema that reaches the browser is built.
z.config({ jitless: true });

export { z };
