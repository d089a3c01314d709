import express, { type NextFunction, type Request, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import { type ErrorCode, PROTOCOL_VERSION } from "../../shared/protocol";
import type { TrustProxy } from "../domain/network/network";
import { serviceStatusAt } from "../domain/openingHours";
import { describeIssues } from "../realtime/handle";
import type { ServiceDeps } from "../service/context";
import { ServiceError } from "../service/errors";
import type { LoginGuard } from "../service/LoginGuard";
import { type StaffService, staffPublicView } from "../service/StaffService";
import type { YouthService } from "../service/YouthService";
import { networkOfRequest } from "./clientNetwork";
import { clearedSessionCookie, deviceCookie, readDeviceCookie, readSessionCookie, sessionCookie } from "./cookies";
import { isAllowedOrigin } from "./origin";

const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) }).strict();
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

  router.post("/api/auth/login", async (req, res) => {
    const parsed = LoginBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, "BAD_REQUEST", describeIssues(parsed.error));
    const { email, password } = parsed.data;
    await o.loginGuard.admit(email, networkOfRequest(req, o.trustProxy), readDeviceCookie(req.headers.cookie));
    const { sid, staff, next } = await o.staff
      .login(email, password, readSessionCookie(req.headers.cookie))
      .catch(async (error: unknown) => {
        if (error instanceof ServiceError && error.code === "BAD_CREDENTIALS") await o.loginGuard.failed();
        throw error;
      });
    // With a second factor due, the cookie holds a pending session only, and the browser becomes a
    // known device only once the second step is done too (secondFactorRoutes.ts).
    if (next) {
      res.setHeader("Set-Cookie", sessionCookie(sid, o.cookieSecure));
      return res.json({ ok: true, data: { next } });
    }
    res.setHeader("Set-Cookie", [sessionCookie(sid, o.cookieSecure), deviceCookie(o.loginGuard.issue(email), o.cookieSecure)]);
    res.json({ ok: true, data: staffPublicView(staff) });
  });

  router.post("/api/auth/logout", async (req, res) => {
    await o.staff.logout(readSessionCookie(req.headers.cookie));
    res.setHeader("Set-Cookie", clearedSessionCookie(o.cookieSecure));
    res.json({ ok: true, data: {} });
  });

  // Every session of this staff member, on every device, and every open console of theirs.
  router.post("/api/auth/logout-everywhere", async (req, res) => {
    const sid = readSessionCookie(req.headers.cookie);
    if (!(await o.staff.authenticate(sid))) return sendError(res, "UNAUTHENTICATED", "not logged in");
    await o.staff.logout(sid, { everywhere: true });
    res.setHeader("Set-Cookie", clearedSessionCookie(o.cookieSecure));
    res.json({ ok: true, data: {} });
  });

  // Sent with `keepalive` as the page leaves for the neutral site; always answers 204.
  router.post("/api/youth/quick-exit", async (req, res) => {
    const parsed = QuickExitBody.safeParse(req.body);
    if (parsed.success) await o.youth.quickExit(parsed.data.token);
    res.status(204).end();
  });

  // For pages: "who am I, if anyone?" is a normal question, answered 200 with null when logged out.
  router.get("/api/auth/session", async (req, res) => {
    const staff = await o.staff.authenticate(readSessionCookie(req.headers.cookie));
    res.json({ ok: true, data: staff ? staffPublicView(staff) : null });
  });

  router.get("/api/auth/me", async (req, res) => {
    const staff = await o.staff.authenticate(readSessionCookie(req.headers.cookie));
    if (!staff) return sendError(res, "UNAUTHENTICATED", "not logged in");
    res.json({ ok: true, data: staffPublicView(staff) });
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
