import express, { type Request, type Response } from "express";
import type { Logger } from "pino";
import { z } from "zod";
import {
  AcceptInviteBody,
  AccessQueryParams,
  ConversationId,
  CreateLocationBody,
  EraseBody,
  InviteBody,
  InviteToken,
  LocationId,
  LocationSettings,
  RosterQuery,
  SecondFactorResetBody,
  ShiftBody,
  StaffUpdateBody,
} from "../../shared/protocol";
import { hashSecret } from "../auth/secrets";
import { describeIssues } from "../realtime/handle";
import type { AccessLog } from "../service/AccessLog";
import type { LocationAdminService } from "../service/admin/LocationAdminService";
import type { RosterService } from "../service/admin/RosterService";
import type { StaffAdminService } from "../service/admin/StaffAdminService";
import type { RateLimit } from "../service/ConversationService";
import type { ErasureService } from "../service/ErasureService";
import { fail } from "../service/errors";
import type { SecondFactorService } from "../service/SecondFactorService";
import type { StaffService } from "../service/StaffService";
import { sessionCookie } from "./cookies";
import { isAllowedOrigin } from "./origin";
import { apiErrorHandler, sendError } from "./routes";
import { requireRoleHttp } from "./staffAuth";

const StaffIdParam = z.string().regex(/^st_[A-Za-z0-9_-]{1,40}$/);
const ShiftIdParam = z.string().regex(/^sh_[A-Za-z0-9_-]{1,40}$/);
const InviteInfoBody = z.object({ token: InviteToken }).strict();

export interface AdminHttpOptions {
  staff: StaffService;
  locations: LocationAdminService;
  staffAdmin: StaffAdminService;
  roster: RosterService;
  secondFactor: SecondFactorService;
  access: AccessLog;
  erasure: ErasureService;
  cookieSecure: boolean;
  allowedOrigins: string[];
  /** Per invite link: guessing tokens is hopeless (256 bits), but accepting hashes a password (argon2). */
  inviteLimit: RateLimit;
  log: Logger;
}

const ok = (res: Response, data: unknown) => res.json({ ok: true, data });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) fail("BAD_REQUEST", describeIssues(parsed.error));
  return parsed.data;
}

/** The coordinator's JSON API (/api/admin/...) and the public invite routes. Thin: parse, scope in the service. */
export function adminRouter(o: AdminHttpOptions): express.Router {
  const router = express.Router();
  router.use(["/api/admin", "/api/invites"], express.json({ limit: "64kb" }));
  // Every state-changing method, not only POST: SameSite cookies plus this check stop CSRF.
  router.use(["/api/admin", "/api/invites"], (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD" && !isAllowedOrigin(req, o.allowedOrigins))
      return sendError(res, "FORBIDDEN", "origin not allowed");
    next();
  });
  const coordinator = (req: Request) => requireRoleHttp(o.staff, req, ["coordinator"]);

  router.get("/api/admin/locations", async (req, res) => ok(res, await o.locations.list(await coordinator(req))));
  router.post("/api/admin/locations", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.locations.create(actor, parse(CreateLocationBody, req.body)));
  });
  router.put("/api/admin/locations/:id", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.locations.update(actor, parse(LocationId, req.params.id), parse(LocationSettings, req.body)));
  });

  router.get("/api/admin/staff", async (req, res) => ok(res, await o.staffAdmin.list(await coordinator(req))));
  router.post("/api/admin/staff/invite", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.staffAdmin.invite(actor, parse(InviteBody, req.body)));
  });
  router.put("/api/admin/staff/:id", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.staffAdmin.update(actor, parse(StaffIdParam, req.params.id), parse(StaffUpdateBody, req.body)));
  });
  for (const action of ["deactivate", "reactivate", "reinvite"] as const) {
    router.post(`/api/admin/staff/:id/${action}`, async (req, res) => {
      const actor = await coordinator(req);
      ok(res, await o.staffAdmin[action](actor, parse(StaffIdParam, req.params.id)));
    });
  }

  // A colleague lost their phone: their factor goes, they enrol again at their next login (recorded).
  router.post("/api/admin/staff/:id/reset-second-factor", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.secondFactor.reset(actor, parse(StaffIdParam, req.params.id), parse(SecondFactorResetBody, req.body ?? {}).reason));
  });

  // The access record: who read which conversation when, within the locations this coordinator runs.
  router.get("/api/admin/access", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.access.search(actor, parse(AccessQueryParams, req.query)));
  });

  // Erases one ended conversation's words (messages, notes, escalation notes, return-code note); figures keep counting it.
  router.post("/api/admin/conversations/:id/erase", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.erasure.erase(actor, parse(ConversationId, req.params.id), parse(EraseBody, req.body ?? {}).reason));
  });

  router.get("/api/admin/roster", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.roster.roster(actor, parse(RosterQuery, req.query)));
  });
  router.post("/api/admin/shifts", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.roster.add(actor, parse(ShiftBody, req.body)));
  });
  router.delete("/api/admin/shifts/:id", async (req, res) => {
    const actor = await coordinator(req);
    ok(res, await o.roster.remove(actor, parse(ShiftIdParam, req.params.id)));
  });

  addInviteRoutes(router, o);

  router.use(["/api/admin", "/api/invites"], apiErrorHandler(o.log));
  return router;
}

/** Public: the invitee has no login yet. The token travels in the body, never in a URL. */
function addInviteRoutes(router: express.Router, o: AdminHttpOptions): void {
  router.post("/api/invites/info", async (req, res) => {
    const { token } = parse(InviteInfoBody, req.body);
    // Per link: a stranger hammering the route cannot lock every invitee out.
    if (!(await o.inviteLimit.consume(hashSecret(token)))) fail("RATE_LIMITED", "Too many attempts; try again later");
    ok(res, await o.staffAdmin.inviteInfo(token));
  });
  router.post("/api/invites/accept", async (req, res) => {
    const body = parse(AcceptInviteBody, req.body);
    if (!(await o.inviteLimit.consume(hashSecret(body.token)))) fail("RATE_LIMITED", "Too many attempts; try again later");
    const staff = await o.staffAdmin.acceptInvite(body.token, body.password);
    // A coordinator or professional (or a volunteer where the location asks) enrols a second factor next.
    const { sid, next } = await o.staff.startSession(staff);
    res.setHeader("Set-Cookie", sessionCookie(sid, o.cookieSecure));
    ok(res, { id: staff.id, displayName: staff.displayName, role: staff.role, ...(next && { next }) });
  });
}
