/**
 * The authorisation matrix, HTTP routes: every role × every route the app registers, with the
 * expected allow (Y) or deny (N) written as a table below (what Y and N mean, the roles and each
 * cell's world: test/helpers/authzMatrix.ts; the socket events: authz.events.test.ts). A route the
 * app registers without a row fails the test.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { buildWorld, EMAIL, parseTable, ROLES, type RoleName, reopenStaff, useMatrix, type World } from "../helpers/authzMatrix";
import { closeAll, login } from "../helpers/clients";
import { todayInAmsterdam } from "../helpers/dates";
import { listRoutes } from "../helpers/fuzz";
import { storeSnapshot } from "../helpers/storeSnapshot";

// prettier-ignore
const HTTP_MATRIX = parseTable(`
                         youth otherYouth noSession volunteer otherVolunteer professional otherProfessional coordinator deactivated deactivatedBack loggedOut
GET_/healthz               Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/readyz                Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/config            Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/status            Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/auth/session      Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/auth/me           N       N         N         Y           Y             Y             Y                Y          N          N               N
POST_/api/auth/login       N       N         N         Y           Y             Y             Y                Y          N          N               Y
POST_/api/auth/logout      Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
POST_/api/auth/logout-everywhere N N        N         Y           Y             Y             Y                Y          N          N               N
POST_/api/youth/quick-exit Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/no-such-route     N       N         N         N           N             N             N                N          N          N               N
GET_/                      Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
# /metrics is open without METRICS_TOKEN outside production (a token, and off without one, in production).
GET_/metrics               Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
# ── Coordinator and admin routes (issue 6) ──────────────────────────────────────────────────────
# Add a row here for every route under /api/admin/... and /api/figures..., and its request in HTTP_ROWS.
GET_/api/figures           N       N         N         N           N             N             N                Y          N          N               N
GET_/api/figures.csv       N       N         N         N           N             N             N                Y          N          N               N
GET_/api/admin/locations   N       N         N         N           N             N             N                Y          N          N               N
POST_/api/admin/locations  N       N         N         N           N             N             N                Y          N          N               N
PUT_/api/admin/locations/:id N     N         N         N           N             N             N                Y          N          N               N
GET_/api/admin/staff       N       N         N         N           N             N             N                Y          N          N               N
POST_/api/admin/staff/invite N     N         N         N           N             N             N                Y          N          N               N
PUT_/api/admin/staff/:id   N       N         N         N           N             N             N                Y          N          N               N
POST_/api/admin/staff/:id/deactivate N N     N         N           N             N             N                Y          N          N               N
POST_/api/admin/staff/:id/reactivate N N     N         N           N             N             N                Y          N          N               N
POST_/api/admin/staff/:id/reinvite N N       N         N           N             N             N                Y          N          N               N
GET_/api/admin/roster      N       N         N         N           N             N             N                Y          N          N               N
POST_/api/admin/shifts     N       N         N         N           N             N             N                Y          N          N               N
DELETE_/api/admin/shifts/:id N     N         N         N           N             N             N                Y          N          N               N
# ── Accountable access (issue 17) ─────────────────────────────────────────────────────────────
# The second step answers only the half-way session of a password just given; no role here holds
# one (test/integration/secondFactor.test.ts walks that path), so a full session is refused too.
GET_/api/auth/pending      Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
POST_/api/auth/second-factor N     N         N         N           N             N             N                N          N          N               N
POST_/api/auth/enrol       N       N         N         N           N             N             N                N          N          N               N
POST_/api/auth/enrol/confirm N     N         N         N           N             N             N                N          N          N               N
POST_/api/admin/staff/:id/reset-second-factor N N N    N           N             N             N                Y          N          N               N
GET_/api/admin/access      N       N         N         N           N             N             N                Y          N          N               N
POST_/api/admin/conversations/:id/erase N N  N         N           N             N             N                Y          N          N               N
# Public: the one-time token in the body is what lets an invitee in, whoever sends it.
POST_/api/invites/info     Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
POST_/api/invites/accept   Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
# ── Reach (issue 13): the VAPID public key is public; who is on duty and reachable is for professionals and coordinators.
GET_/api/push/key          Y       Y         Y         Y           Y             Y             Y                Y          Y          Y               Y
GET_/api/duty              N       N         N         N           N             Y             Y                Y          N          N               N
`);

interface HttpRow {
  /** The concrete path, when the row's key has parameters (`:id`) or needs a query. */
  url?: (w: World) => string;
  /** Makes what the request needs (a throwaway staff member, a shift, an invite), into `w.made`. */
  prepare?: (ctx: { server: RunningServer; cell: number; coordinatorCookie: string }) => Promise<Record<string, string>>;
  body?: (w: World, role: RoleName) => unknown;
  /** Logging in or out ends the session it is sent with, so the staff roles use a second login for it. */
  ownSession?: boolean;
}

const today = () => todayInAmsterdam();
const allDay = [{ start: "00:00", end: "24:00" }];
const LOCATION_SETTINGS = {
  name: "Authz",
  timeZone: "Europe/Amsterdam",
  weeklyHours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  exceptions: [],
  overflowSeconds: 60,
  autoAssign: false,
  skillWindowSeconds: 0,
  wrapUpTopics: [],
  snippets: [],
};

/** A staff member of Apeldoorn made for one cell, so deactivating or editing them touches nobody else. */
function throwaway(fields: { active: boolean; passwordHash?: string }): NonNullable<HttpRow["prepare"]> {
  return async ({ server, cell }) => {
    const daan = (await server.store.getStaff("st_daan"))!;
    const id = `st_authz${cell}`;
    await server.store.putStaff({
      id,
      email: `authz${cell}@authz.test`,
      displayName: "Tijdelijk",
      role: "volunteer",
      locationId: "apeldoorn",
      skills: [],
      passwordHash: daan.passwordHash,
      ...fields,
    });
    return { staffId: id };
  };
}

/** An invite made by the coordinator, so the public invite routes get a real one-time token. */
async function invited({
  server,
  cell,
  coordinatorCookie,
}: {
  server: RunningServer;
  cell: number;
  coordinatorCookie: string;
}): Promise<Record<string, string>> {
  const res = await fetch(`${server.url}/api/admin/staff/invite`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: coordinatorCookie },
    body: JSON.stringify({ email: `invitee${cell}@authz.test`, displayName: "Genodigde", role: "volunteer", locationId: "apeldoorn" }),
  });
  const { data } = (await res.json()) as { data: { link: string } };
  return { inviteToken: /[A-Za-z0-9_-]{40,50}$/.exec(data.link)![0] };
}

const HTTP_ROWS: Record<string, HttpRow> = {
  "GET_/healthz": {},
  "GET_/readyz": {},
  "GET_/api/config": {},
  "GET_/api/status": {},
  "GET_/api/auth/session": {},
  "GET_/api/auth/me": {},
  // Staff log in with their own e-mail; youths have no account and can only guess.
  "POST_/api/auth/login": {
    ownSession: true,
    body: (_w, role) => ({ email: EMAIL[role] ?? "nobody@inloop.demo", password: EMAIL[role] ? DEMO_PASSWORD : "guess" }),
  },
  "POST_/api/auth/logout": { ownSession: true },
  "POST_/api/auth/logout-everywhere": { ownSession: true },
  // Always 204 (it is a beacon); only the token's own chat ends, which the quick-exit test in chat.test.ts checks.
  "POST_/api/youth/quick-exit": { body: (w, role) => ({ token: w.tokenOf[role] ?? randomUUID() + randomUUID() }) },
  "GET_/api/no-such-route": {},
  "GET_/": {},
  "GET_/metrics": {},
  // ── Coordinator and admin routes (issue 6): their requests go here. ──
  "GET_/api/figures": { url: () => `/api/figures?from=${today()}&to=${today()}` },
  "GET_/api/figures.csv": { url: () => `/api/figures.csv?from=${today()}&to=${today()}` },
  "GET_/api/admin/locations": {},
  "POST_/api/admin/locations": { body: () => ({ ...LOCATION_SETTINGS, id: `authz-${randomUUID().slice(0, 8)}` }) },
  "PUT_/api/admin/locations/:id": {
    url: () => "/api/admin/locations/apeldoorn",
    body: () => ({ ...LOCATION_SETTINGS, name: "Apeldoorn" }),
  },
  "GET_/api/admin/staff": {},
  "POST_/api/admin/staff/invite": {
    body: () => ({ email: `new-${randomUUID().slice(0, 8)}@authz.test`, displayName: "Nieuw", role: "volunteer", locationId: "apeldoorn" }),
  },
  "PUT_/api/admin/staff/:id": {
    prepare: throwaway({ active: true }),
    url: (w) => `/api/admin/staff/${w.made.staffId}`,
    body: () => ({ displayName: "Tijdelijk", role: "volunteer", locationId: "apeldoorn", skills: [] }),
  },
  "POST_/api/admin/staff/:id/deactivate": {
    prepare: throwaway({ active: true }),
    url: (w) => `/api/admin/staff/${w.made.staffId}/deactivate`,
  },
  "POST_/api/admin/staff/:id/reactivate": {
    prepare: throwaway({ active: false }),
    url: (w) => `/api/admin/staff/${w.made.staffId}/reactivate`,
  },
  "POST_/api/admin/staff/:id/reinvite": {
    prepare: throwaway({ active: false, passwordHash: "" }),
    url: (w) => `/api/admin/staff/${w.made.staffId}/reinvite`,
  },
  "GET_/api/admin/roster": { url: () => `/api/admin/roster?locationId=apeldoorn&week=${today()}` },
  "POST_/api/admin/shifts": { body: () => ({ locationId: "apeldoorn", staffId: "st_daan", date: today(), start: "10:00", end: "12:00" }) },
  "DELETE_/api/admin/shifts/:id": {
    prepare: async ({ server, cell }) => {
      const start = Date.now() + 86_400_000;
      await server.store.putShift({
        id: `sh_authz${cell}`,
        locationId: "apeldoorn",
        staffId: "st_daan",
        role: "volunteer",
        start,
        end: start + 3_600_000,
      });
      return { shiftId: `sh_authz${cell}` };
    },
    url: (w) => `/api/admin/shifts/${w.made.shiftId}`,
  },
  "GET_/api/auth/pending": {},
  "POST_/api/auth/second-factor": { body: () => ({ code: "123456" }) },
  "POST_/api/auth/enrol": { body: () => ({}) },
  "POST_/api/auth/enrol/confirm": { body: () => ({ code: "123456" }) },
  "POST_/api/admin/staff/:id/reset-second-factor": {
    prepare: async (ctx) => {
      const made = await throwaway({ active: true })(ctx);
      await ctx.server.store.putSecondFactor({
        staffId: made.staffId!,
        secret: "v1.sealed",
        enrolledAt: 0,
        lastStep: 0,
        recoveryCodeHashes: ["h"],
      });
      return made;
    },
    url: (w) => `/api/admin/staff/${w.made.staffId}/reset-second-factor`,
    body: () => ({ reason: "lost-device" }),
  },
  "POST_/api/admin/conversations/:id/erase": {
    // An ended chat of its own per cell: erasing the shared world's chat would change the next cell's store.
    prepare: async ({ server, cell }) => {
      const id = `c_authzerase${cell}`;
      await server.store.enqueue({
        id,
        youthId: `y_authz${cell}`,
        status: "queued",
        locationChoice: "leiden",
        priority: 0,
        queuedAt: Date.now(),
        lastSeq: 0,
        youthDeliveredSeq: 0,
        staffDeliveredSeq: 0,
      });
      await server.store.endConversation(id, { at: Date.now(), by: "youth", reason: "left-queue" });
      return { conversationId: id };
    },
    url: (w) => `/api/admin/conversations/${w.made.conversationId}/erase`,
    body: () => ({ reason: "youth-request" }),
  },
  "GET_/api/admin/access": { url: () => `/api/admin/access?from=${today()}&to=${today()}` },
  "POST_/api/invites/info": { prepare: invited, body: (w) => ({ token: w.made.inviteToken }) },
  "POST_/api/invites/accept": { prepare: invited, body: (w) => ({ token: w.made.inviteToken, password: "a long enough password" }) },
  "GET_/api/push/key": {},
  "GET_/api/duty": {},
};

describe("authorisation matrix: HTTP routes", () => {
  const m = useMatrix();

  it("has a request for every HTTP row, and a row for every route the app registers", () => {
    expect(Object.keys(HTTP_ROWS).sort()).toEqual([...HTTP_MATRIX.keys()].sort());
    const rows = [...HTTP_MATRIX.keys()].map((k) => k.replace("_", " "));
    // The origin guard in front of every POST /api/... is a route in express's eyes, not an endpoint.
    const routes = listRoutes(m.server).filter((r) => r.path !== "/api/{*path}");
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((r) => !rows.includes(r));
    expect(missing).toEqual([]);
  });

  for (const name of HTTP_MATRIX.keys()) {
    it(`${name.replace("_", " ")}: only the roles the table allows`, async () => {
      const { server, extra, cookies } = m;
      const [method, path] = name.split("_") as [string, string];
      const row = HTTP_ROWS[name]!;
      const expected = HTTP_MATRIX.get(name)!;
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const w = await buildWorld(m);
        if (row.prepare) w.made = await row.prepare({ server, cell: ++m.cell, coordinatorCookie: cookies.coordinator! });
        const staffRole = EMAIL[role] !== undefined && role !== "deactivated" && role !== "deactivatedBack" && role !== "loggedOut";
        const cookie = row.ownSession && staffRole ? await login(server.url, EMAIL[role]!, DEMO_PASSWORD) : cookies[role];
        const before = await storeSnapshot(server.store, [w.conversationId]);
        const body = row.body?.(w, role);
        const res = await fetch(`${server.url}${row.url?.(w) ?? path}`, {
          method,
          headers: { ...(cookie && { cookie }), ...(body !== undefined && { "content-type": "application/json" }) },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        await server.dispatcher.settled();
        const after = await storeSnapshot(server.store, [w.conversationId]);
        // A logout closes every console of that staff member: open theirs again for the next cells.
        if (row.ownSession && staffRole) await reopenStaff(m, role);
        const got = res.status < 300 ? "Y" : "N";
        if (got !== expected[role]) outcomes.push(`${role}: expected ${expected[role]}, got ${res.status}`);
        if (got === "N" && ![401, 403, 404].includes(res.status)) outcomes.push(`${role}: refused with ${res.status}`);
        if (got === "N" && before !== after) outcomes.push(`${role}: refused (${res.status}) but the store changed`);
        await closeAll(...extra.splice(0));
      }
      expect(outcomes).toEqual([]);
    });
  }
});
