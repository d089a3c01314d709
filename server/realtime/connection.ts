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
import type { ProfessionalChatService } from "../service/ProfessionalChatService";
import type { PushService } from "../service/PushService";
import type { ReturnCodeService } from "../service/ReturnCodeService";
import type { StaffConversationService } from "../service/StaffConversationService";
import type { StaffService } from "../service/StaffService";
import type { WrapUpService } from "../service/WrapUpService";
import type { YouthService } from "../service/YouthService";
import { limitConnectionEvents } from "./connectionLimit";
import { answerUnknownEvents, handle } from "./handle";
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
  professionals: ProfessionalChatService;
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

/** Out of every room and without an identity: the socket hears nothing more and may act as nobody. */
/** Wires one socket's events to the services. Staff were identified by the handshake; youths identify here. */
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
  const bindYouth = async (actor: YouthActor, conversationId?: string) => {
    socket.data.actor = actor;
    await socket.join(rooms.youth(actor.youthId));
    if (conversationId) await socket.join(rooms.conversation(conversationId));
  };

  // A youth's page gone (closed tab, lost connection): their place or chat notes it across processes.
  socket.on("disconnect", () => {
    const actor = socket.data.actor;
    if (actor?.kind !== "youth") return;
    s.youth
      .pageClosed(actor)
      .catch((error: unknown) => log.warn({ event: "youth.page.closed.failed", err: error }, "could not record a closed page"));
  });

  handleYouthSession(socket, s, log, bindYouth);

  handle(socket, "service:status", log, async () => serviceStatusAt(await s.deps.store.listLocations(), s.deps.clock.now()));
  handle(socket, "queue:join", log, (p) => s.youth.join(requireYouth(socket), p));
  handle(socket, "queue:leave", log, () => s.youth.leave(requireYouth(socket)));
  handle(socket, "feedback:give", log, (p) => s.youth.feedback(requireYouth(socket), p));
  handle(socket, "returnCode:take", log, (p) => s.returnCodes.take(requireYouth(socket), p));
  handle(socket, "returnCode:check", log, (p) => s.returnCodes.check(requireYouth(socket), p));
  handle(socket, "returnCode:forget", log, (p) => s.returnCodes.forget(requireYouth(socket), p));

  handle(socket, "message:send", log, (p) => s.conversations.send(requireActor(socket), p, rights));
  handle(socket, "conversation:sync", log, (p) => s.conversations.sync(requireActor(socket), p));
  handle(socket, "delivery:confirm", log, (p) => s.conversations.confirmDelivery(requireActor(socket), p, rights));
  handle(socket, "typing:set", log, (p) => s.conversations.typing(requireActor(socket), p, rights));
  handle(socket, "conversation:end", log, (p) => s.conversations.end(requireActor(socket), p.conversationId));

  handle(socket, "staff:sync", log, async (p) => {
    const { staff } = requireStaff(socket);
    checkVersion(p.protocolVersion);
    return joinHeldChats(
      socket,
      s,
      () => s.staff.sync(staff),
      (state) => state.conversations.map((c) => c.id),
    );
  });
  handle(socket, "presence:set", log, (p) => s.staff.setPresence(requireStaff(socket).staff, p));
  handle(socket, "presence:list", log, () => s.staff.colleagues(requireStaff(socket).staff));
  handle(socket, "note:set", log, (p) => s.staffConversations.setNote(requireStaff(socket), p));
  handle(socket, "whisper:send", log, (p) => s.staffConversations.whisper(requireStaff(socket), p, rights));
  handle(socket, "conversation:transfer", log, (p) => s.staffConversations.transfer(requireStaff(socket), p));
  handle(socket, "conversation:block", log, (p) => s.staffConversations.block(requireStaff(socket), p));
  handle(socket, "wrapup:submit", log, (p) => s.wrapUps.submit(requireStaff(socket).staff, p));
  handle(socket, "wrapup:todo", log, () => s.wrapUps.todo(requireStaff(socket).staff));
  handle(socket, "escalation:raise", log, (p) => s.escalations.raise(requireStaff(socket), p));
  handle(socket, "escalation:list", log, () => s.escalations.list(requireStaff(socket)));
  handle(socket, "escalation:claim", log, (p) => s.escalations.claim(requireStaff(socket), p));
  handle(socket, "escalation:resolve", log, (p) => s.escalations.resolve(requireStaff(socket), p));
  handle(socket, "duty:set", log, (p) => s.duty.setDuty(requireStaff(socket), p));
  handle(socket, "conversation:live", log, () => s.professionals.live(requireStaff(socket)));
  handle(socket, "conversation:watch", log, (p) => s.professionals.watch(requireStaff(socket), p));
  handle(socket, "conversation:join", log, (p) => s.professionals.join(requireStaff(socket), p));
  handle(socket, "conversation:unwatch", log, (p) => s.professionals.unwatch(requireStaff(socket), p));
  handle(socket, "conversation:takeover", log, (p) => s.professionals.takeOver(requireStaff(socket), p));
  handle(socket, "conversation:handback", log, (p) => s.professionals.handBack(requireStaff(socket), p));
  handle(socket, "queue:take", log, () => s.dispatcher.takeNext(requireStaff(socket).staff.id));
  handle(socket, "push:subscribe", log, (p) => s.push.subscribe(requireActor(socket), p.subscription));
  handle(socket, "push:unsubscribe", log, (p) => s.push.unsubscribe(requireActor(socket), p.endpoint));
  handle(socket, "debrief:request", log, (p) => s.debriefs.request(requireStaff(socket).staff, p.conversationId));
  handle(socket, "debrief:list", log, () => s.debriefs.list(requireStaff(socket).staff));
  handle(socket, "debrief:claim", log, (p) => s.debriefs.claim(requireStaff(socket).staff, p));
  handle(socket, "debrief:send", log, (p) => s.debriefs.send(requireStaff(socket).staff, p));
  handle(socket, "debrief:sync", log, (p) => s.debriefs.sync(requireStaff(socket).staff, p));
  handle(socket, "debrief:close", log, (p) => s.debriefs.close(requireStaff(socket).staff, p));
  handle(socket, "queue:claim", log, (p) => s.dispatcher.takeForProfessional(requireStaff(socket).staff, p.conversationId));
  handle(socket, "professional:state", log, () => s.professionals.professionalState(requireStaff(socket)));

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
}

/** session:open and session:resume: binding this socket to a youth's session (and its rooms), once. */
function handleYouthSession(
  socket: AppSocket,
  s: RealtimeServices,
  log: Logger,
  bindYouth: (actor: YouthActor, conversationId?: string) => Promise<void>,
): void {
  handle(socket, "session:open", log, async (p) => {
    requireYouthSocket(socket);
    if (socket.data.actor) fail("FORBIDDEN", "This connection already has a session");
    checkVersion(p.protocolVersion);
    const opened = await s.youth.open(networkOfRequest(socket.request, s.trustProxy), p.deviceId);
    await bindYouth(opened.actor);
    log.info({ event: "youth.session.opened", youthId: opened.actor.youthId, socketId: socket.id }, "session opened");
    return { token: opened.token, state: opened.state };
  });

  handle(socket, "session:resume", log, async (p) => {
    requireYouthSocket(socket);
    checkVersion(p.protocolVersion);
    // One socket, one session: another youth's token does not turn this socket into theirs.
    const bound = socket.data.actor;
    if (bound?.kind === "youth" && bound.tokenHash !== hashSecret(p.token)) fail("FORBIDDEN", "This connection already has a session");
    // Bound (rooms joined) before the missed messages are read, so none falls between the two.
    const resumed = await s.youth.resume(p.token, p.afterSeq, bindYouth);
    // In the room first, then "back": a racing "page closed" sees this socket and undoes its mark.
    if (resumed.conversationId) await s.youth.pageBack(resumed.conversationId);
    log.info({ event: "youth.session.resumed", youthId: resumed.actor.youthId, socketId: socket.id }, "session resumed");
    return { state: resumed.state, missed: resumed.missed };
  });
}
