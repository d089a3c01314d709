/**
 * The authorisation matrix: every role × every socket event and HTTP route, with the expected
 * allow (Y) or deny (N) written as a table below. Each cell runs against a fresh chat between a
 * youth and Sam (a Leiden volunteer), so cells cannot leak into each other.
 *
 * Y: the ack is ok (HTTP: a 2xx answer).
 * N: the ack is a refusal (HTTP: 401/403/404), or the server closed the socket before the event
 *    reached it (`CLOSED`: never read), and the store is exactly as before the request.
 *
 * New socket events are picked up from the protocol's `Requests` map: an event without a row fails
 * the test, so nobody adds an event without deciding who may send it.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION, type RequestName, Requests } from "../../shared/protocol";
import { type ClientSocket, closeAll, connect, login, ok, openStaff, openYouth, requestOrClosed } from "../helpers/clients";
import { todayInAmsterdam } from "../helpers/dates";
import { listRoutes } from "../helpers/fuzz";
import { makeDevice } from "../helpers/pushService";
import { resetState, startTestServer, stopServer } from "../helpers/servers";
import { storeSnapshot } from "../helpers/storeSnapshot";

const ROLES = [
  "youth", // the youth of the chat
  "otherYouth", // another youth, with a session of their own
  "noSession", // a socket that never opened a session and has no cookie
  "volunteer", // Sam, who has the chat (Leiden)
  "otherVolunteer", // Noor, a volunteer of another location (Amsterdam), available
  "professional", // Eva, on duty for Leiden, not (yet) joined
  "otherProfessional", // Bram, on duty for Amsterdam only
  "coordinator", // Kim, national coordinator
  // Lotte: her console was open when a coordinator deactivated her through the admin route (the
  // only way a deployment deactivates anyone). The route answers only once every console of hers,
  // on every process, is closed: the event that follows is never acted on (refused, or never read).
  "deactivated",
  "deactivatedBack", // Lotte's browser connecting again afterwards with the same cookie (anonymous, like loggedOut)
  "loggedOut", // Daan: logged out, then reconnected with the old cookie
] as const;
type RoleName = (typeof ROLES)[number];

/** Parses a whitespace-aligned table: a header row of role names, then `name  Y N ...` rows. */
function parseTable(text: string): Map<string, Record<RoleName, "Y" | "N">> {
  const lines = text
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const header = lines[0]!.split(/\s+/);
  expect(header).toEqual([...ROLES]);
  const rows = new Map<string, Record<RoleName, "Y" | "N">>();
  for (const line of lines.slice(1)) {
    const [name, ...cells] = line.split(/\s+/);
    expect(cells, `row ${name}`).toHaveLength(ROLES.length);
    rows.set(name!, Object.fromEntries(ROLES.map((r, i) => [r, cells[i] as "Y" | "N"])) as Record<RoleName, "Y" | "N">);
  }
  return rows;
}

// prettier-ignore
const SOCKET_MATRIX = parseTable(`
                         youth otherYouth noSession volunteer otherVolunteer professional otherProfessional coordinator deactivated deactivatedBack loggedOut
session:open               N       N         Y         N           N             N             N                N          N          Y               Y
session:resume             Y       Y         N         N           N             N             N                N          N          N               N
service:status             Y       Y         Y         Y           Y             Y             Y                Y          N          Y               Y
queue:join                 N       Y         N         N           N             N             N                N          N          N               N
queue:leave                Y       N         N         N           N             N             N                N          N          N               N
feedback:give              Y       N         N         N           N             N             N                N          N          N               N
# A return code is a bearer secret, like the session token: any youth session that holds it may check or forget it.
returnCode:take            Y       N         N         N           N             N             N                N          N          N               N
returnCode:check           Y       Y         N         N           N             N             N                N          N          N               N
returnCode:forget          Y       Y         N         N           N             N             N                N          N          N               N
message:send               Y       N         N         Y           N             N             N                N          N          N               N
conversation:sync          Y       N         N         Y           N             Y             N                N          N          N               N
delivery:confirm           Y       N         N         Y           N             N             N                N          N          N               N
typing:set                 Y       N         N         Y           N             N             N                N          N          N               N
conversation:end           Y       N         N         Y           N             N             N                N          N          N               N
note:set                   N       N         N         Y           N             Y             N                N          N          N               N
whisper:send               N       N         N         Y           N             Y             N                N          N          N               N
conversation:transfer      N       N         N         Y           N             N             N                N          N          N               N
conversation:block         N       N         N         Y           N             N             N                N          N          N               N
wrapup:submit              N       N         N         Y           N             N             N                N          N          N               N
wrapup:todo                N       N         N         Y           Y             Y             Y                Y          N          N               N
presence:list              N       N         N         Y           Y             Y             Y                Y          N          N               N
escalation:raise           N       N         N         Y           N             N             N                N          N          N               N
escalation:list            N       N         N         N           N             Y             Y                N          N          N               N
escalation:claim           N       N         N         N           N             Y             Y                N          N          N               N
escalation:resolve         N       N         N         N           N             Y             N                N          N          N               N
# Duty only for one's own locations (home, or cover a coordinator who runs it gave): Bram (Amsterdam) not for Leiden.
duty:set                   N       N         N         N           N             Y             N                N          N          N               N
conversation:watch         N       N         N         N           N             Y             N                N          N          N               N
conversation:join          N       N         N         N           N             Y             N                N          N          N               N
conversation:live          N       N         N         N           N             Y             Y                N          N          N               N
conversation:takeover      N       N         N         N           N             Y             N                N          N          N               N
conversation:handback      N       N         N         N           N             Y             N                N          N          N               N
# Only forgets the sender's own read-along list (and leaves rooms they had no other reason to be in).
conversation:unwatch       N       N         N         N           N             Y             Y                N          N          N               N
staff:sync                 N       N         N         Y           Y             Y             Y                Y          N          N               N
presence:set               N       N         N         Y           Y             N             N                N          N          N               N
queue:take                 N       N         N         Y           N             N             N                N          N          N               N
# ── Reach (issue 13: push, debrief) ──
# A youth may ask to be told of their turn only while waiting; coordinators get no alerts.
push:subscribe             Y       N         N         Y           Y             Y             Y                N          N          N               N
push:unsubscribe           Y       Y         N         Y           Y             Y             Y                N          N          N               N
debrief:request            N       N         N         Y           N             N             N                N          N          N               N
debrief:list               N       N         N         Y           Y             Y             Y                N          N          N               N
# Any professional on duty may take a debrief up; after that the thread is the volunteer's and hers only.
debrief:claim              N       N         N         N           N             Y             Y                N          N          N               N
debrief:send               N       N         N         Y           N             Y             N                N          N          N               N
debrief:sync               N       N         N         Y           N             Y             N                N          N          N               N
debrief:close              N       N         N         Y           N             Y             N                N          N          N               N
# A professional takes a waiting youth of a queue they are on duty for (Eva: Leiden; Bram: Amsterdam only).
queue:claim                N       N         N         N           N             Y             N                N          N          N               N
professional:state         N       N         N         N           N             Y             Y                N          N          N               N
`);

/** The world one cell runs in: a chat `conversationId` between `youth` and Sam, and an escalation on it. */
interface World {
  conversationId: string;
  escalationId: string;
  youthToken: string;
  tokenOf: Partial<Record<RoleName, string>>;
  /** The youth's return code (setup "returnCodeTaken"). */
  returnCode?: string;
  /** A debrief Sam asked for (setups "debriefOpen", "debriefClaimed"; otherwise an id that does not exist). */
  debriefId: string;
  /** Ids an HTTP row made for itself (a throwaway staff member, a shift, an invite token). */
  made: Record<string, string>;
}

/** How the chat must look before the request, and what else must be true for the allowed role to succeed. */
type Setup =
  | "queued"
  | "active"
  | "ended"
  | "returnCodeTaken"
  | "escalationClaimed"
  | "professionalJoined"
  | "professionalTookOver"
  | "debriefOpen"
  | "debriefClaimed";

interface SocketRow {
  setup?: Setup;
  payload: (w: World, role: RoleName) => unknown;
}

const chat = (w: World) => ({ conversationId: w.conversationId });
const SOCKET_ROWS: Record<string, SocketRow> = {
  "session:open": { payload: () => ({ protocolVersion: PROTOCOL_VERSION }) },
  // Each role resumes with its own token, if it has one; a made-up token otherwise.
  "session:resume": {
    payload: (w, role) => ({ protocolVersion: PROTOCOL_VERSION, token: w.tokenOf[role] ?? randomUUID() + randomUUID() }),
  },
  "service:status": { payload: () => ({}) },
  "queue:join": { payload: () => ({ locationChoice: "leiden" }) },
  "queue:leave": { setup: "queued", payload: () => ({}) },
  "feedback:give": { setup: "ended", payload: (w) => ({ ...chat(w), helped: 4 }) },
  "returnCode:take": { setup: "ended", payload: chat },
  "returnCode:check": { setup: "returnCodeTaken", payload: (w) => ({ code: w.returnCode }) },
  "returnCode:forget": { setup: "returnCodeTaken", payload: (w) => ({ code: w.returnCode }) },
  "message:send": { payload: (w) => ({ ...chat(w), id: randomUUID(), text: "hallo" }) },
  "conversation:sync": { payload: (w) => ({ ...chat(w), afterSeq: 0 }) },
  "delivery:confirm": { payload: (w) => ({ ...chat(w), upToSeq: 0 }) },
  "typing:set": { payload: (w) => ({ ...chat(w), typing: true }) },
  "conversation:end": { payload: chat },
  "note:set": { payload: (w) => ({ ...chat(w), note: "internal" }) },
  "whisper:send": { payload: (w) => ({ ...chat(w), id: randomUUID(), text: "staff only" }) },
  "conversation:transfer": { payload: (w) => ({ ...chat(w), to: { locationChoice: "leiden" } }) },
  "conversation:block": { payload: chat },
  "wrapup:submit": { setup: "ended", payload: (w) => ({ ...chat(w), topics: [], referral: "none", rating: 3, debrief: false }) },
  "wrapup:todo": { payload: () => ({}) },
  "presence:list": { payload: () => ({}) },
  "escalation:raise": { payload: (w) => ({ ...chat(w), level: "consult" }) },
  "escalation:list": { payload: () => ({}) },
  "escalation:claim": { payload: (w) => ({ escalationId: w.escalationId }) },
  "escalation:resolve": {
    setup: "escalationClaimed",
    payload: (w) => ({ escalationId: w.escalationId, outcome: "talked", referral: "none" }),
  },
  "duty:set": { payload: () => ({ onDuty: true, locationIds: ["leiden"] }) },
  "conversation:watch": { payload: chat },
  "conversation:join": { payload: chat },
  "conversation:live": { payload: () => ({}) },
  "conversation:takeover": { setup: "professionalJoined", payload: chat },
  "conversation:handback": { setup: "professionalTookOver", payload: chat },
  "conversation:unwatch": { payload: chat },
  "staff:sync": { payload: () => ({ protocolVersion: PROTOCOL_VERSION }) },
  "presence:set": { payload: () => ({ status: "break" }) },
  "queue:take": { setup: "queued", payload: () => ({}) },
  "push:subscribe": {
    setup: "queued",
    payload: () => ({ subscription: { endpoint: "http://127.0.0.1:9/push/authz", keys: makeDevice().keys } }),
  },
  "push:unsubscribe": { payload: () => ({ endpoint: "http://127.0.0.1:9/push/authz" }) },
  "debrief:request": { payload: chat },
  "debrief:list": { payload: () => ({}) },
  "debrief:claim": { setup: "debriefOpen", payload: (w) => ({ debriefId: w.debriefId }) },
  "debrief:send": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId, id: randomUUID(), text: "even napraten" }) },
  "debrief:sync": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId }) },
  "debrief:close": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId }) },
  "queue:claim": { setup: "queued", payload: chat },
  "professional:state": { payload: () => ({}) },
};

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

const EMAIL: Partial<Record<RoleName, string>> = {
  volunteer: "sam@leiden.demo",
  otherVolunteer: "noor@amsterdam.demo",
  professional: "eva@inloop.demo",
  otherProfessional: "bram@inloop.demo",
  coordinator: "kim@inloop.demo",
  deactivated: "lotte@leiden.demo",
  deactivatedBack: "lotte@leiden.demo",
  loggedOut: "daan@apeldoorn.demo",
};

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

describe("authorisation matrix", () => {
  let server: RunningServer;
  const staffSockets: Partial<Record<RoleName, ClientSocket>> = {};
  const cookies: Partial<Record<RoleName, string>> = {};
  /** Sockets made for one cell (closed after it) and for one world (closed when it is rebuilt). */
  const extra: ClientSocket[] = [];
  const worldSockets: ClientSocket[] = [];
  let cell = 0;

  beforeAll(async () => {
    // A long tick: routing and dispatch passes must not change the store while a cell compares it.
    // A blocked youth must not block the next cell: every test client shares one network (127.0.0.1).
    server = await startTestServer({ TICK_MS: "600000", PRESENCE_GRACE_MS: "600000" });
    for (const role of ["volunteer", "otherVolunteer", "professional", "otherProfessional", "coordinator"] as const) {
      const opened = await openStaff(server.url, EMAIL[role]!, DEMO_PASSWORD);
      staffSockets[role] = opened.socket;
      cookies[role] = opened.cookie;
    }
    await openAndDeactivateLotte();
    cookies.loggedOut = await login(server.url, EMAIL.loggedOut!, DEMO_PASSWORD);
    await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie: cookies.loggedOut } });
  });

  /**
   * Lotte active again (straight into the store: adding a right needs no push), logged in with her
   * console open, then deactivated by the coordinator through the admin route. Returns her console.
   */
  async function openAndDeactivateLotte(): Promise<ClientSocket> {
    const lotte = (await server.store.getStaffByEmail(EMAIL.deactivated!))!;
    await server.store.putStaff({ ...lotte, active: true });
    const cookie = await login(server.url, EMAIL.deactivated!, DEMO_PASSWORD);
    const socket = await connect(server.url, cookie);
    extra.push(socket);
    await ok(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
    const res = await fetch(`${server.url}/api/admin/staff/${lotte.id}/deactivate`, {
      method: "POST",
      headers: { cookie: cookies.coordinator! },
    });
    expect(res.status).toBe(200);
    cookies.deactivated = cookie;
    cookies.deactivatedBack = cookie;
    return socket;
  }

  afterAll(async () => {
    await closeAll(...Object.values(staffSockets), ...extra, ...worldSockets);
    await stopServer(server);
  });

  /** Logs in again and opens a new console for a staff role (after a logout closed the old one). */
  async function reopenStaff(role: RoleName): Promise<void> {
    staffSockets[role]?.disconnect();
    const opened = await openStaff(server.url, EMAIL[role]!, DEMO_PASSWORD);
    staffSockets[role] = opened.socket;
    cookies[role] = opened.cookie;
  }

  /** A fresh chat in the state the row needs; Eva on duty for Leiden, Bram for Amsterdam. */
  async function buildWorld(
    setup: Setup = "active",
  ): Promise<World & { youth: ClientSocket; otherYouth: { socket: ClientSocket; token: string } }> {
    await resetState(server);
    const { store } = server;
    const sam = staffSockets.volunteer!;
    // Straight into the store: four fewer round trips per cell, and only the store decides rights.
    const now = Date.now();
    for (const [staffId, locationId] of [
      ["st_sam", "leiden"],
      ["st_noor", "amsterdam"],
    ] as const) {
      await store.putPresence({ staffId, locationId, status: "available", capacity: 3, lastAssignedAt: 0, since: now });
    }
    await store.putDuty({ staffId: "st_eva", locationIds: ["leiden"], since: now });
    await store.putDuty({ staffId: "st_bram", locationIds: ["amsterdam"], since: now });
    await closeAll(...worldSockets.splice(0));
    const youth = await openYouth(server.url);
    const otherYouth = await openYouth(server.url);
    worldSockets.push(youth.socket, otherYouth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    if (setup !== "queued") await ok(sam, "queue:take");
    if (setup === "ended" || setup === "returnCodeTaken") await ok(youth.socket, "conversation:end", { conversationId: conversation.id });
    const returnCode =
      setup === "returnCodeTaken" ? (await ok(youth.socket, "returnCode:take", { conversationId: conversation.id })).code : undefined;
    const escalationId = `e_authz${++cell}`;
    await store.createEscalation({
      id: escalationId,
      conversationId: conversation.id,
      locationId: "leiden",
      level: "consult",
      source: "volunteer",
      raisedAt: now,
      status: "open",
      offeredTo: [],
      offeredAt: now,
    });
    if (setup === "escalationClaimed") await store.claimEscalation(escalationId, "st_eva", now);
    if (setup === "professionalJoined" || setup === "professionalTookOver")
      await store.setConversationProfessional(conversation.id, "st_eva");
    if (setup === "professionalTookOver") await store.reassignHolder(conversation.id, "st_sam", "st_eva");
    const debriefId = `d_authz${String(cell).padStart(6, "0")}`;
    if (setup === "debriefOpen" || setup === "debriefClaimed") {
      await store.createDebrief({
        id: debriefId,
        volunteerId: "st_sam",
        locationId: "leiden",
        conversationId: conversation.id,
        requestedAt: now,
        status: "open",
        lastSeq: 0,
      });
      if (setup === "debriefClaimed") await store.claimDebrief(debriefId, "st_eva", now);
    }
    await server.dispatcher.settled();
    return {
      conversationId: conversation.id,
      escalationId,
      debriefId,
      youthToken: youth.token,
      tokenOf: { youth: youth.token, otherYouth: otherYouth.token },
      ...(returnCode && { returnCode }),
      made: {},
      youth: youth.socket,
      otherYouth,
    };
  }

  /** The socket a role sends from in one cell. */
  async function socketFor(role: RoleName, w: Awaited<ReturnType<typeof buildWorld>>): Promise<ClientSocket> {
    const fresh = async (cookie?: string) => {
      const s = await connect(server.url, cookie);
      extra.push(s);
      return s;
    };
    switch (role) {
      case "youth":
        return w.youth;
      case "otherYouth":
        return w.otherYouth.socket;
      case "noSession":
        return fresh();
      case "loggedOut":
        return fresh(cookies.loggedOut);
      case "deactivated":
        // Sent at once after the route answered: the console must act on nothing more.
        return openAndDeactivateLotte();
      case "deactivatedBack":
        return fresh(cookies.deactivatedBack);
      default:
        return staffSockets[role]!;
    }
  }

  it("has a row for every socket event of the protocol", () => {
    const events = Object.keys(Requests).sort();
    expect([...SOCKET_MATRIX.keys()].sort()).toEqual(events);
    expect(Object.keys(SOCKET_ROWS).sort()).toEqual(events);
  });

  it("has a request for every HTTP row, and a row for every route the app registers", () => {
    expect(Object.keys(HTTP_ROWS).sort()).toEqual([...HTTP_MATRIX.keys()].sort());
    const rows = [...HTTP_MATRIX.keys()].map((k) => k.replace("_", " "));
    // The origin guard in front of every POST /api/... is a route in express's eyes, not an endpoint.
    const routes = listRoutes(server).filter((r) => r.path !== "/api/{*path}");
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((r) => !rows.includes(r));
    expect(missing).toEqual([]);
  });

  for (const event of Object.keys(Requests) as RequestName[]) {
    it(`${event}: only the roles the table allows`, async () => {
      const row = SOCKET_ROWS[event]!;
      const expected = SOCKET_MATRIX.get(event)!;
      const outcomes: string[] = [];
      // A refused request leaves the store as it was (checked below), so the next role may reuse the world.
      let w = await buildWorld(row.setup);
      for (const role of ROLES) {
        const socket = await socketFor(role, w);
        const before = await storeSnapshot(server.store, [w.conversationId]);
        const ack = await requestOrClosed(socket, event, row.payload(w, role));
        await server.dispatcher.settled();
        const after = await storeSnapshot(server.store, [w.conversationId]);
        const got = ack.ok ? "Y" : "N";
        const detail = ack.ok ? "ok" : ack.code;
        if (got !== expected[role]) outcomes.push(`${role}: expected ${expected[role]}, got ${detail}`);
        if (!ack.ok && ["BAD_REQUEST", "INTERNAL", "UNAVAILABLE"].includes(ack.code))
          outcomes.push(`${role}: refused for the wrong reason (${ack.code}: ${ack.message})`);
        if (!ack.ok && before !== after) outcomes.push(`${role}: refused (${ack.code}) but the store changed`);
        await closeAll(...extra.splice(0));
        if (ack.ok || before !== after) w = await buildWorld(row.setup);
      }
      expect(outcomes).toEqual([]);
    });
  }

  for (const name of HTTP_MATRIX.keys()) {
    it(`${name.replace("_", " ")}: only the roles the table allows`, async () => {
      const [method, path] = name.split("_") as [string, string];
      const row = HTTP_ROWS[name]!;
      const expected = HTTP_MATRIX.get(name)!;
      const outcomes: string[] = [];
      for (const role of ROLES) {
        const w = await buildWorld();
        if (row.prepare) w.made = await row.prepare({ server, cell: ++cell, coordinatorCookie: cookies.coordinator! });
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
        if (row.ownSession && staffRole) await reopenStaff(role);
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
