import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { type ErrorCode, PROTOCOL_VERSION } from "../../shared/protocol";
import type { TrustProxy } from "../domain/network/network";
import { serviceStatusAt } from "../domain/openingHours";
import type { ServiceDeps } from "../service/context";
import { ServiceError } from "../service/errors";
import type { LoginGuard } from "../service/LoginGuard";
import type { StaffService } from "../service/StaffService";
import type { YouthService } from "../service/YouthService";
import { isAllowedOrigin } from "./origin";
import { addStaffSessionRoutes } from "./staffSessionRoutes";

const QuickExitBody = z.object({ token: z.string().min(20).max(100) }).strict();

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  BAD_CREDENTIALS: 401,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS_OF[code] ?? 500).json({ ok: false, code, message });
}

export interface HttpOptions {
  deps: ServiceDeps;
  staff: StaffService;
  cookieSecure: boolean;
  allowedOrigins: string[];
  isDraining: () => boolean;
  quickExitUrl: string;
  youth: YouthService;
  loginGuard: LoginGuard;
  trustProxy: TrustProxy;
  log: Logger;
}

/** The JSON API and health endpoints. Thin: parse, call a service, answer `{ ok, data | code }`. */
export function apiRouter(o: HttpOptions): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: "16kb" }));

  router.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });

  router.get("/readyz", async (_req, res) => {
    if (o.isDraining()) return sendError(res, "UNAVAILABLE", "draining");
    try {
      await Promise.race([o.deps.store.ping(), new Promise((_, reject) => setTimeout(reject, 1000).unref())]);
      res.json({ ok: true });
    } catch {
      sendError(res, "UNAVAILABLE", "store not reachable");
    }
  });

  // What the pages need before anything else; public, nothing secret.
  router.get("/api/config", (_req, res) => {
    res.json({ ok: true, data: { protocolVersion: PROTOCOL_VERSION, quickExitUrl: o.quickExitUrl } });
  });

  router.get("/api/status", async (_req, res) => {
    res.json({ ok: true, data: serviceStatusAt(await o.deps.store.listLocations(), o.deps.clock.now()) });
  });

  // State-changing routes refuse foreign origins: SameSite cookies plus this check stop CSRF.
  router.post("/api/{*path}", (req, res, next) => {
    if (!isAllowedOrigin(req, o.allowedOrigins)) return sendError(res, "FORBIDDEN", "origin not allowed");
    next();
  });

  addStaffSessionRoutes(router, o);

  // Sent with `keepalive` as the page leaves for the neutral site; always answers 204.
  router.post("/api/youth/quick-exit", async (req, res) => {
    const parsed = QuickExitBody.safeParse(req.body);
    if (parsed.success) await o.youth.quickExit(parsed.data.token);
    res.status(204).end();
  });

  router.use("/api", (_req, res) => sendError(res, "NOT_FOUND", "no such route"));

  router.use(apiErrorHandler(o.log));
  return router;
}

/** Service refusals become their code; a bad body is a 400; anything else is logged (ids only) and a 500. */
export function apiErrorHandler(log: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ServiceError) return sendError(res, error.code, error.message);
    const status = (error as { status?: number }).status;
    if (status === 400 || status === 413) return sendError(res, "BAD_REQUEST", "malformed or too large body");
    log.error({ err: error, event: "http.failed" }, "request failed");
    sendError(res, "INTERNAL", "Something went wrong on our side");
  };
}
