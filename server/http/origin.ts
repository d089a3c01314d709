import type { IncomingMessage } from "node:http";

/**
 * Same-origin or explicitly allowed. Browsers always send Origin on cross-site requests and on
 * WebSocket handshakes, so a missing header means a non-browser client (tests, curl), which cookies
 * with SameSite=Strict already keep out of staff sessions.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
