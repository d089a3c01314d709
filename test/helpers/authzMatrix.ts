/**
 * What the authorisation matrix's two halves share (authz.events.test.ts: every socket event;
 * authz.routes.test.ts: every HTTP route): the roles, the table parser, the staff's e-mails, and the
 * world one cell runs in: a server with a console open for each staff role, and a fresh chat between
 * a youth and Sam (a Leiden volunteer) per cell, so cells cannot leak into each other.
 *
 * Y: the ack is ok (HTTP: a 2xx answer).
 * N: the ack is a refusal (HTTP: 401/403/404), or the server closed the socket before the event
 *    reached it (`CLOSED`: never read), and the store is exactly as before the request.
 */
import { afterAll, beforeAll, expect } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { type ClientSocket, closeAll, connect, login, ok, openStaff, openYouth } from "./clients";
import { resetState, startTestServer, stopServer } from "./servers";

export const ROLES = [
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
export type RoleName = (typeof ROLES)[number];

/** Parses a whitespace-aligned table: a header row of role names, then `name  Y N ...` rows. */
export function parseTable(text: string): Map<string, Record<RoleName, "Y" | "N">> {
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

/** The world one cell runs in: a chat `conversationId` between `youth` and Sam, and an escalation on it. */
export interface World {
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
export type Setup =
  | "queued"
  | "active"
  | "ended"
  | "returnCodeTaken"
  | "escalationClaimed"
  | "professionalJoined"
  | "professionalTookOver"
  | "debriefOpen"
  | "debriefClaimed";

export const EMAIL: Partial<Record<RoleName, string>> = {
  volunteer: "sam@leiden.demo",
  otherVolunteer: "noor@amsterdam.demo",
  professional: "eva@inloop.demo",
  otherProfessional: "bram@inloop.demo",
  coordinator: "kim@inloop.demo",
  deactivated: "lotte@leiden.demo",
  deactivatedBack: "lotte@leiden.demo",
  loggedOut: "daan@apeldoorn.demo",
};

/** One matrix file's server, its staff consoles and their cookies, and the sockets its cells made. */
export interface Matrix {
  server: RunningServer;
  staffSockets: Partial<Record<RoleName, ClientSocket>>;
  cookies: Partial<Record<RoleName, string>>;
  /** Sockets made for one cell (closed after it) and for one world (closed when it is rebuilt). */
  extra: ClientSocket[];
  worldSockets: ClientSocket[];
  /** Counts cells, so what a cell makes has ids of its own. */
  cell: number;
}

/** The world of one cell, with the youths' sockets. */
export type CellWorld = World & { youth: ClientSocket; otherYouth: { socket: ClientSocket; token: string } };

/** Starts the matrix's server before the file's tests and stops it after them. */
export function useMatrix(): Matrix {
  const m: Matrix = { server: undefined as unknown as RunningServer, staffSockets: {}, cookies: {}, extra: [], worldSockets: [], cell: 0 };
  beforeAll(async () => {
    const { staffSockets, cookies } = m;
    // A long tick: routing and dispatch passes must not change the store while a cell compares it.
    // A blocked youth must not block the next cell: every test client shares one network (127.0.0.1).
    const server = (m.server = await startTestServer({ TICK_MS: "600000", PRESENCE_GRACE_MS: "600000" }));
    for (const role of ["volunteer", "otherVolunteer", "professional", "otherProfessional", "coordinator"] as const) {
      const opened = await openStaff(server.url, EMAIL[role]!, DEMO_PASSWORD);
      staffSockets[role] = opened.socket;
      cookies[role] = opened.cookie;
    }
    await openAndDeactivateLotte(m);
    cookies.loggedOut = await login(server.url, EMAIL.loggedOut!, DEMO_PASSWORD);
    await fetch(`${server.url}/api/auth/logout`, { method: "POST", headers: { cookie: cookies.loggedOut } });
  });
  afterAll(async () => {
    await closeAll(...Object.values(m.staffSockets), ...m.extra, ...m.worldSockets);
    await stopServer(m.server);
  });
  return m;
}

/**
 * Lotte active again (straight into the store: adding a right needs no push), logged in with her
 * console open, then deactivated by the coordinator through the admin route. Returns her console.
 */
export async function openAndDeactivateLotte(m: Matrix): Promise<ClientSocket> {
  const { server, extra, cookies } = m;
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

/** Logs in again and opens a new console for a staff role (after a logout closed the old one). */
export async function reopenStaff(m: Matrix, role: RoleName): Promise<void> {
  const { server, staffSockets, cookies } = m;
  staffSockets[role]?.disconnect();
  const opened = await openStaff(server.url, EMAIL[role]!, DEMO_PASSWORD);
  staffSockets[role] = opened.socket;
  cookies[role] = opened.cookie;
}

/** A fresh chat in the state the row needs; Eva on duty for Leiden, Bram for Amsterdam. */
export async function buildWorld(m: Matrix, setup: Setup = "active"): Promise<CellWorld> {
  const { server, staffSockets, worldSockets } = m;
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
  const escalationId = `e_authz${++m.cell}`;
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
  const debriefId = `d_authz${String(m.cell).padStart(6, "0")}`;
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
export async function socketFor(m: Matrix, role: RoleName, w: CellWorld): Promise<ClientSocket> {
  const { server, extra, cookies, staffSockets } = m;
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
      return openAndDeactivateLotte(m);
    case "deactivatedBack":
      return fresh(cookies.deactivatedBack);
    default:
      return staffSockets[role]!;
  }
}
