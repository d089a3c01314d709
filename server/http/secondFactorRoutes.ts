import express from "express";
import type { Logger } from "pino";
import { EnrolConfirmBody, SecondFactorBody } from "../../shared/protocol";
import type { TrustProxy } from "../domain/network/network";
import { describeIssues } from "../realtime/handle";
import { ServiceError } from "../service/errors";
import type { LoginGuard } from "../service/LoginGuard";
import type { SecondFactorService } from "../service/SecondFactorService";
import { type StaffService, staffPublicView } from "../service/StaffService";
import { networkOfRequest } from "./clientNetwork";
import { deviceCookie, readDeviceCookie, readSessionCookie, sessionCookie } from "./cookies";
import { isAllowedOrigin } from "./origin";
import { apiErrorHandler, sendError } from "./routes";

export interface SecondFactorHttpOptions {
  staff: StaffService;
  secondFactor: SecondFactorService;
  cookieSecure: boolean;
  allowedOrigins: string[];
  /** The login guard: a code counts like a password (same account, device and network allowances). */
  loginGuard: LoginGuard;
  trustProxy: TrustProxy;
  log: Logger;
}

/**
 * The second step of a staff login: a code (or recovery code), or enrolling first. Each answers
 * only to the pending session the password step set in the cookie; a right code replaces it with a
 * fresh session id (never the pending one: session fixation).
 */
export function secondFactorRouter(o: SecondFactorHttpOptions): express.Router {
  const router = express.Router();
  const posts = ["/api/auth/second-factor", "/api/auth/enrol", "/api/auth/enrol/confirm"];
  const paths = ["/api/auth/pending", ...posts];
  router.use(posts, express.json({ limit: "4kb" }));
  router.use(posts, (req, res, next) => {
    if (!isAllowedOrigin(req, o.allowedOrigins)) return sendError(res, "FORBIDDEN", "origin not allowed");
    next();
  });
  /** Counts a second-step attempt like a password attempt, against the e-mail of the pending login. */
  const limited = async (req: express.Request, sid: string | undefined) => {
    const pending = await o.secondFactor.pending(sid);
    if (pending) await o.loginGuard.admit(pending.staff.email, networkOfRequest(req, o.trustProxy), readDeviceCookie(req.headers.cookie));
  };
  /** A wrong code spends the shared failure budget, as a wrong password does. */
  const counted = async <T>(work: Promise<T>): Promise<T> =>
    work.catch(async (error: unknown) => {
      if (error instanceof ServiceError && error.code === "BAD_CREDENTIALS") await o.loginGuard.failed();
      throw error;
    });
  /** The full session, and (only now, after both steps) the browser becomes a known device. */
  const loggedIn = (res: express.Response, sid: string, email: string) =>
    res.setHeader("Set-Cookie", [sessionCookie(sid, o.cookieSecure), deviceCookie(o.loginGuard.issue(email), o.cookieSecure)]);

  // After a reload in the middle of a login: which step is due, if any.
  router.get("/api/auth/pending", async (req, res) => {
    const pending = await o.secondFactor.pending(readSessionCookie(req.headers.cookie));
    res.json({ ok: true, data: { pending: pending?.session.pending ?? null } });
  });

  router.post("/api/auth/second-factor", async (req, res) => {
    const parsed = SecondFactorBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, "BAD_REQUEST", describeIssues(parsed.error));
    const sid = readSessionCookie(req.headers.cookie);
    await limited(req, sid);
    const staff = await counted(o.secondFactor.verify(sid, parsed.data));
    const session = await o.staff.startSession(staff, { secondFactorDone: true });
    loggedIn(res, session.sid, staff.email);
    res.json({ ok: true, data: staffPublicView(staff) });
  });

  router.post("/api/auth/enrol", async (req, res) => {
    res.json({ ok: true, data: await o.secondFactor.enrolStart(readSessionCookie(req.headers.cookie)) });
  });

  router.post("/api/auth/enrol/confirm", async (req, res) => {
    const parsed = EnrolConfirmBody.safeParse(req.body);
    if (!parsed.success) return sendError(res, "BAD_REQUEST", describeIssues(parsed.error));
    const sid = readSessionCookie(req.headers.cookie);
    await limited(req, sid);
    const { staff, recoveryCodes } = await counted(o.secondFactor.enrolConfirm(sid, parsed.data.code));
    const session = await o.staff.startSession(staff, { secondFactorDone: true });
    loggedIn(res, session.sid, staff.email);
    // The only time the recovery codes leave the server: they are stored hashed.
    res.json({ ok: true, data: { staff: staffPublicView(staff), recoveryCodes } });
  });

  router.use(paths, apiErrorHandler(o.log));
  return router;
}
