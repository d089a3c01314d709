import type { Logger } from "pino";
import type { Socket } from "socket.io";
import { type ClientToServerEvents, PROTOCOL_VERSION, type ServerToClientEvents } from "../../shared/protocol";
import { hashSecret } from "../auth/secrets";
import type { TrustProxy } from "../domain/network/network";
import { serviceStatusAt } from "../domain/openingHours";
import { networkOfRequest } from "../http/clientNetwork";
import { readSessionCookie } from "../http/cookies";
import type { Actor, StaffActor, YouthActor } from "../service/actors";
import type { ConversationService } from "../service/ConversationService";
import type { ServiceDeps } from "../service/context";
import type { DebriefService } from "../service/DebriefService";
import type { Dispatcher } from "../service/Dispatcher";
import type { DutyService } from "../service/DutyService";
import type { EscalationService } from "../service/EscalationService";
import { fail } from "../service/errors";
import type { ProfessionalConversationService } from "../service/ProfessionalConversationService";
import type { PushService } from "../service/PushService";
import type { ReturnCodeService } from "../service/ReturnCodeService";
import type { StaffConversationService } from "../service/StaffConversationService";
import type { StaffService } from "../service/StaffService";
import type { WrapUpService } from "../service/WrapUpService";
import type { YouthService } from "../service/YouthService";
import { limitConnectionEvents } from "./connectionLimit";
import { answerUnknownEvents, type RequestHandler, type RequestTable, serveRequests } from "./handle";
import type { RightsRegistry, SocketRights } from "./rights";
import { rooms } from "./rooms";
import { guardStaffSession, joinHeldChats, joinStaffRooms, makeAnonymous } from "./staffSocket";

export interface SocketData {
  actor?: Actor;
  /** What this socket knows of its rights (server/realtime/rights.ts), from the moment it connected. */
  rights?: SocketRights;
  /**
   * A console's session as the handshake read it: when it ends unless extended, and the registry's
   * revocation count before the read (trusted only if nothing was revoked meanwhile).
   */
  handshake?: { expiresAt: number; mark: number };
}
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeServices {
  deps: ServiceDeps;
  youth: YouthService;
  returnCodes: ReturnCodeService;
  staff: StaffService;
  conversations: ConversationService;
  staffConversations: StaffConversationService;
  wrapUps: WrapUpService;
  escalations: EscalationService;
  duty: DutyService;
  professionals: ProfessionalConversationService;
  dispatcher: Dispatcher;
  push: PushService;
  debriefs: DebriefService;
  presenceGraceMs: number;
  /** Events of any kind one socket may send per 10 s (connectionLimit.ts). */
  connectionEventsPer10s: number;
  /** Which X-Forwarded-For hop is the client's (server/domain/network). */
  trustProxy: TrustProxy;
  /** Pending "gone" checks for disconnected staff, cleared on shutdown. */
  timers: Set<NodeJS.Timeout>;
  /** How often an open console's session is checked while it sends nothing (expiry, logout elsewhere). */
  staffSessionRecheckMs: number;
  /** Every socket's known rights on this process, and where revocations land. */
  rights: RightsRegistry;
}

function checkVersion(version: number): void {
  if (version !== PROTOCOL_VERSION) fail("PROTOCOL_OUTDATED", "A newer version is available; please reload the page");
}

function requireActor(socket: AppSocket): Actor {
  const actor = socket.data.actor;
  if (!actor) fail("UNAUTHENTICATED", "Open or resume a session first");
  return actor;
}

function requireYouthSocket(socket: AppSocket): void {
  if (socket.data.actor?.kind === "staff") fail("FORBIDDEN", "Staff cannot act as a youth");
}

function requireYouth(socket: AppSocket): YouthActor {
  const actor = requireActor(socket);
  if (actor.kind !== "youth") fail("FORBIDDEN", "Only for youths");
  return actor;
}

function requireStaff(socket: AppSocket): StaffActor {
  const actor = socket.data.actor;
  if (actor?.kind !== "staff") fail("UNAUTHENTICATED", "Log in as staff first");
  return actor;
}

/** Wires one socket to the services. Staff were identified by the handshake; youths identify here. */
export function onConnection(socket: AppSocket, s: RealtimeServices, log: Logger): void {
  const rights = s.rights.open({
    inConversationRoom: (conversationId) => socket.rooms.has(rooms.conversation(conversationId)),
    close: () => {
      makeAnonymous(socket);
      socket.disconnect(true);
    },
  });
  socket.data.rights = rights;
  socket.on("disconnect", () => s.rights.close(rights));
  limitConnectionEvents(socket, { max: s.connectionEventsPer10s, windowMs: 10_000 }, s.deps.clock, (kind) =>
    log.warn(
      { event: kind === "closed" ? "socket.flood.closed" : "socket.rate_limited", socketId: socket.id },
      kind === "closed" ? "connection closed: flooding" : "connection over its event limit",
    ),
  );
  answerUnknownEvents(socket);
  // A youth's page gone (closed tab, lost connection): their place or chat notes it across processes.
  socket.on("disconnect", () => {
    const actor = socket.data.actor;
    if (actor?.kind !== "youth") return;
    s.youth
      .pageClosed(actor)
      .catch((error: unknown) => log.warn({ event: "youth.page.closed.failed", err: error }, "could not record a closed page"));
  });

  const actor = socket.data.actor;
  if (actor?.kind === "staff") {
    const sid = readSessionCookie(socket.request.headers.cookie);
    rights.bindStaff(actor.staff.id, sid ? hashSecret(sid) : undefined);
    // The handshake's read counts only if nothing was revoked on this process while it ran: this
    // socket was not registered yet, so a revocation then could not reach it.
    const read = socket.data.handshake;
    if (read && read.mark === s.rights.revocations) rights.trustStaff(read.expiresAt, rights.staffReadStarted());
    const check = guardStaffSession(socket, s, log, sid);
    // Its rooms only once its standing is known; if the store cannot say, as the handshake found it.
    const join = () => {
      const staff = socket.data.actor;
      if (staff?.kind === "staff") return joinStaffRooms(socket, staff.staff, s, log);
    };
    void check({ touch: false }).then(join, join);
  }
  // Last: a console's requests wait behind its session guard, installed just above.
  serveRequests(socket, requests, s, log);
}

/** Binds this socket to a youth's session: their room, and their chat's if they are in one. */
async function bindYouth(socket: AppSocket, actor: YouthActor, conversationId?: string): Promise<void> {
  socket.data.actor = actor;
  await socket.join(rooms.youth(actor.youthId));
  if (conversationId) await socket.join(rooms.conversation(conversationId));
}

/** session:open: a new youth session on this socket, once. */
const openYouthSession: RequestHandler<"session:open", AppSocket, RealtimeServices> = async (p, socket, s, log) => {
  requireYouthSocket(socket);
  if (socket.data.actor) fail("FORBIDDEN", "This connection already has a session");
  checkVersion(p.protocolVersion);
  const opened = await s.youth.open(networkOfRequest(socket.request, s.trustProxy), p.deviceId);
  await bindYouth(socket, opened.actor);
  log.info({ event: "youth.session.opened", youthId: opened.actor.youthId, socketId: socket.id }, "session opened");
  return { token: opened.token, state: opened.state };
};

/** session:resume: back in a youth's session (and its rooms) with what they missed. */
const resumeYouthSession: RequestHandler<"session:resume", AppSocket, RealtimeServices> = async (p, socket, s, log) => {
  requireYouthSocket(socket);
  checkVersion(p.protocolVersion);
  // One socket, one session: another youth's token does not turn this socket into theirs.
  const bound = socket.data.actor;
  if (bound?.kind === "youth" && bound.tokenHash !== hashSecret(p.token)) fail("FORBIDDEN", "This connection already has a session");
  // Bound (rooms joined) before the missed messages are read, so none falls between the two.
  const resumed = await s.youth.resume(p.token, p.afterSeq, (actor, conversationId) => bindYouth(socket, actor, conversationId));
  // In the room first, then "back": a racing "page closed" sees this socket and undoes its mark.
  if (resumed.conversationId) await s.youth.pageBack(resumed.conversationId);
  log.info({ event: "youth.session.resumed", youthId: resumed.actor.youthId, socketId: socket.id }, "session resumed");
  return { state: resumed.state, missed: resumed.missed };
};

/** Every request a socket may send and the service that answers it (access.ts says who may send it). */
const requests: RequestTable<AppSocket, RealtimeServices> = {
  "session:open": openYouthSession,
  "session:resume": resumeYouthSession,
  "service:status": async (_p, _socket, s) => serviceStatusAt(await s.deps.store.listLocations(), s.deps.clock.now()),
  "queue:join": (p, socket, s) => s.youth.join(requireYouth(socket), p),
  "queue:leave": (_p, socket, s) => s.youth.leave(requireYouth(socket)),
  "feedback:give": (p, socket, s) => s.youth.feedback(requireYouth(socket), p),
  "returnCode:take": (p, socket, s) => s.returnCodes.take(requireYouth(socket), p),
  "returnCode:check": (p, socket, s) => s.returnCodes.check(requireYouth(socket), p),
  "returnCode:forget": (p, socket, s) => s.returnCodes.forget(requireYouth(socket), p),
  "message:send": (p, socket, s) => s.conversations.send(requireActor(socket), p, socket.data.rights),
  "conversation:sync": (p, socket, s) => s.conversations.sync(requireActor(socket), p),
  "delivery:confirm": (p, socket, s) => s.conversations.confirmDelivery(requireActor(socket), p, socket.data.rights),
  "typing:set": (p, socket, s) => s.conversations.typing(requireActor(socket), p, socket.data.rights),
  "conversation:end": (p, socket, s) => s.conversations.end(requireActor(socket), p.conversationId),
  "staff:sync": async (p, socket, s, log) => {
    const { staff } = requireStaff(socket);
    checkVersion(p.protocolVersion);
    const mark = s.rights.revocations;
    const state = await s.staff.sync(staff);
    const ids = state.conversations.map((c) => c.id);
    const held = await joinHeldChats(socket, s, staff.id, ids, mark, log);
    if (!held) fail("UNAUTHENTICATED", "Log in as staff first");
    return held.length === ids.length ? state : { ...state, conversations: state.conversations.filter((c) => held.includes(c.id)) };
  },
  "presence:set": (p, socket, s) => s.staff.setPresence(requireStaff(socket).staff, p),
  "presence:list": (_p, socket, s) => s.staff.colleagues(requireStaff(socket).staff),
  "note:set": (p, socket, s) => s.staffConversations.setNote(requireStaff(socket), p),
  "whisper:send": (p, socket, s) => s.staffConversations.whisper(requireStaff(socket), p, socket.data.rights),
  "conversation:transfer": (p, socket, s) => s.staffConversations.transfer(requireStaff(socket), p),
  "conversation:block": (p, socket, s) => s.staffConversations.block(requireStaff(socket), p),
  "wrapup:submit": (p, socket, s) => s.wrapUps.submit(requireStaff(socket).staff, p),
  "wrapup:todo": (_p, socket, s) => s.wrapUps.todo(requireStaff(socket).staff),
  "escalation:raise": (p, socket, s) => s.escalations.raise(requireStaff(socket), p),
  "escalation:list": (_p, socket, s) => s.escalations.list(requireStaff(socket)),
  "escalation:claim": (p, socket, s) => s.escalations.claim(requireStaff(socket), p),
  "escalation:resolve": (p, socket, s) => s.escalations.resolve(requireStaff(socket), p),
  "duty:set": (p, socket, s) => s.duty.setDuty(requireStaff(socket), p),
  "conversation:live": (_p, socket, s) => s.professionals.live(requireStaff(socket)),
  "conversation:watch": (p, socket, s) => s.professionals.watch(requireStaff(socket), p),
  "conversation:join": (p, socket, s) => s.professionals.join(requireStaff(socket), p),
  "conversation:unwatch": (p, socket, s) => s.professionals.unwatch(requireStaff(socket), p),
  "conversation:takeover": (p, socket, s) => s.professionals.takeOver(requireStaff(socket), p),
  "conversation:handback": (p, socket, s) => s.professionals.handBack(requireStaff(socket), p),
  "queue:take": (_p, socket, s) => s.dispatcher.takeNext(requireStaff(socket).staff.id),
  "push:subscribe": (p, socket, s) => s.push.subscribe(requireActor(socket), p.subscription),
  "push:unsubscribe": (p, socket, s) => s.push.unsubscribe(requireActor(socket), p.endpoint),
  "debrief:request": (p, socket, s) => s.debriefs.request(requireStaff(socket).staff, p.conversationId),
  "debrief:list": (_p, socket, s) => s.debriefs.list(requireStaff(socket).staff),
  "debrief:claim": (p, socket, s) => s.debriefs.claim(requireStaff(socket).staff, p),
  "debrief:send": (p, socket, s) => s.debriefs.send(requireStaff(socket).staff, p),
  "debrief:sync": (p, socket, s) => s.debriefs.sync(requireStaff(socket).staff, p),
  "debrief:close": (p, socket, s) => s.debriefs.close(requireStaff(socket).staff, p),
  "queue:claim": (p, socket, s) => s.dispatcher.takeForProfessional(requireStaff(socket).staff, p.conversationId),
  "professional:state": (_p, socket, s) => s.professionals.professionalState(requireStaff(socket)),
};
