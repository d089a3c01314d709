import type express from "express";
import { z } from "zod";
import { describeIssues } from "../realtime/handle";
import { ServiceError } from "../service/errors";
import { staffPublicView } from "../service/StaffService";
import { networkOfRequest } from "./clientNetwork";
import { clearedSessionCookie, deviceCookie, readDeviceCookie, readSessionCookie, sessionCookie } from "./cookies";
import { type HttpOptions, sendError } from "./routes";

const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) }).strict();

/**
 * A staff member's session over HTTP: log in (a second factor may follow: secondFactorRoutes.ts),
 * log out here or everywhere, and who is logged in. On apiRouter, behind its origin check.
 */
export function addStaffSessionRoutes(router: express.Router, o: HttpOptions): void {
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
}
