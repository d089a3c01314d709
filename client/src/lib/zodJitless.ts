import { z } from "zod";

/**
 * zod compiles object parsers with `new Function` when it may, and decides so when a schema is
 * created. The pages' Content-Security-Policy forbids eval, so zod would probe, be refused (a CSP
 * violation report) and fall back. Imported first in main.tsx, before any schema exists.
 */
z.config({ jitless: true });
