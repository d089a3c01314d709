/**
 * A console's socket after the handshake: its staff session guarded (pushed, trusted, read again
 * when due), its rooms joined, and what happens when it stops being anyone's.
 */
import type { Logger } from "pino";
import type { Staff } from "../domain/staff";
import type { AppSocket, RealtimeServices } from "./connection";
import { rooms } from "./rooms";

/** Drops the socket's identity, its known rights and every room: it is no one's any more. */
export function makeAnonymous(socket: AppSocket): void {
  socket.data.actor = undefined;
  socket.data.rights?.forgetAll();
  for (const room of [...socket.rooms]) if (room !== socket.id) void socket.leave(room);
}

/** How often an open console's activity extends its session's idle timeout (a write, so not on every event). */
const SESSION_TOUCH_MS = 60_000;

/**
 * A staff socket keeps its rights only while the session it was opened with does. Its standing is
 * pushed, not read before every event: logout, deactivation, a changed record and a login that
 * replaces the session revoke it on every process before they are answered (`Notifier.revoke`),
 * and the socket is then closed or reads the store at its next event. Expiry needs no push: the
 * socket knows when its session ends unless extended, and reads it again then. What it read is
 * trusted for at most the registry's age limit; a console that only listens is checked every
 * `staffSessionRecheckMs` and closed once its session has ended. Returns the check itself (a read
 * when the standing is not known), which also runs before the first rooms are joined.
 */
export function guardStaffSession(socket: AppSocket, s: RealtimeServices, log: Logger, sid: string | undefined) {
  const rights = socket.data.rights!;
  let touchedAt = s.deps.clock.now();
  /**
   * Resolves once the socket's standing is known: still staff (and trusted), or made anonymous.
   * `touch` extends the session; `force` reads it even while it is trusted.
   */
  const check = async (options: { touch: boolean; force?: boolean }): Promise<void> => {
    let { touch, force } = options;
    for (;;) {
      const actor = socket.data.actor;
      if (actor?.kind !== "staff" || socket.disconnected) return;
      if (!touch && !force && rights.staffTrusted()) return;
      const mark = rights.staffReadStarted();
      const now = s.deps.clock.now();
      const valid = await s.staff.stillValid(sid, actor.staff.id, touch);
      if (touch) touchedAt = now;
      touch = false;
      force = false;
      // A revocation reached this socket while the read ran: the read may predate it, so read again
      // (a closing one has made the socket anonymous, which ends the loop).
      if (!rights.staffReadCurrent(mark)) continue;
      if (valid) {
        socket.data.actor = { kind: "staff", staff: valid.staff };
        rights.trustStaff(valid.expiresAt, mark);
        return;
      }
      makeAnonymous(socket);
      log.info(
        { event: "staff.session.revoked", staffId: actor.staff.id, socketId: socket.id },
        "session no longer valid; socket made anonymous",
      );
      return;
    }
  };
  // A console that only listens must stop hearing when its session ends (expired, or changed where
  // no push reaches), not at its next event: checked every so often, then closed.
  const recheck = setInterval(() => {
    const actor = socket.data.actor;
    if (actor?.kind !== "staff") return;
    check({ touch: false, force: true }).then(
      () => {
        if (socket.data.actor?.kind === "staff") return;
        log.info({ event: "staff.session.ended", staffId: actor.staff.id, socketId: socket.id }, "session ended; console closed");
        socket.disconnect(true);
      },
      () => undefined,
    );
  }, s.staffSessionRecheckMs);
  recheck.unref();
  socket.on("disconnect", () => clearInterval(recheck));
  // Events that arrive while a read is under way wait for that same read, in arrival order: a later
  // message never overtakes an earlier one on its way to the store.
  let reading: Promise<void> | undefined;
  socket.use((_packet, next) => {
    const actor = socket.data.actor;
    if (actor?.kind !== "staff") return next();
    const touch = s.deps.clock.now() - touchedAt >= SESSION_TOUCH_MS;
    // The common case: a standing pushed to this socket and not yet due a touch costs no read.
    if (!reading && !touch && rights.staffTrusted()) return next();
    reading ??= check({ touch }).finally(() => {
      reading = undefined;
    });
    // The store is away: let the handler run into the same outage and answer UNAVAILABLE.
    reading.then(
      () => next(),
      () => next(),
    );
  });
  return check;
}

/** Rereads of a console's chats while their own revocations keep arriving as it reads them. */
const MAX_ROOM_REREADS = 3;

const conversationRooms = (id: string) => [rooms.conversation(id), rooms.conversationStaff(id)];

const stillStaff = (socket: AppSocket) => socket.data.actor?.kind === "staff" && !socket.disconnected;

/**
 * Joins the rooms of the chats a console holds, `ids` as read from the store after `mark` (a value
 * of the registry's revocation count) was taken. A chat that moves (transfer, take-over, end) is
 * revoked after the move is stored, so a chat on the list that was revoked since the mark may have
 * moved before the read: it is read again, and its rooms are left unless it is still held (or the
 * staff member is the professional who joined it). Chats that come to the console meanwhile reach
 * it through its staff room, joined before the read. Returns the chats it holds, or undefined when
 * the socket stopped being staff meanwhile (logout, deactivation).
 */
export async function joinHeldChats(
  socket: AppSocket,
  s: RealtimeServices,
  staffId: string,
  ids: string[],
  mark: number,
  log: Logger,
): Promise<string[] | undefined> {
  if (!stillStaff(socket)) return undefined;
  let held = ids;
  await socket.join(held.flatMap(conversationRooms));
  for (let reads = 0; ; reads++) {
    const revoked = s.rights.revokedSince(mark);
    const doubtful = revoked === "unknown" ? held : held.filter((id) => revoked.has(id));
    if (doubtful.length === 0) return held;
    mark = s.rights.revocations;
    // At the limit the doubtful ones are left unread: losing a room the client resyncs beats keeping one.
    const now = reads < MAX_ROOM_REREADS ? (await s.deps.store.listActiveFor(staffId)).map((c) => c.id) : [];
    if (!stillStaff(socket)) return undefined;
    if (reads >= MAX_ROOM_REREADS)
      log.warn({ event: "staff.rooms.doubtful", staffId, chats: doubtful.length }, "left rooms it could not confirm");
    for (const id of doubtful) {
      if (now.includes(id)) continue;
      const c = await s.deps.store.getConversation(id, { lastSeq: false });
      if (c?.status === "active" && c.professionalId === staffId) continue;
      for (const room of conversationRooms(id)) await socket.leave(room);
      held = held.filter((h) => h !== id);
    }
  }
}

export async function joinStaffRooms(socket: AppSocket, staff: Staff, s: RealtimeServices, log: Logger): Promise<void> {
  try {
    // The staff room first: a move stored after the list below is read reaches this socket through it.
    await socket.join([rooms.staff(staff.id), rooms.allStaff, rooms.role(staff.role)]);
    const mark = s.rights.revocations;
    const [duties, active] = await Promise.all([s.deps.store.listDuty(), s.deps.store.listActiveFor(staff.id)]);
    if (!stillStaff(socket)) return;
    if (duties.some((d) => d.staffId === staff.id)) await socket.join(rooms.onDuty);
    await joinHeldChats(
      socket,
      s,
      staff.id,
      active.map((c) => c.id),
      mark,
      log,
    );
  } catch (error) {
    log.warn({ event: "staff.rooms.failed", staffId: staff.id, err: error }, "could not join rooms; client resyncs");
  }
  socket.on("disconnect", () => {
    const timer = setTimeout(() => {
      s.timers.delete(timer);
      s.staff.markGoneIfDisconnected(staff.id).catch((error) => log.warn({ err: error, staffId: staff.id }, "presence check failed"));
    }, s.presenceGraceMs);
    timer.unref();
    s.timers.add(timer);
  });
}
