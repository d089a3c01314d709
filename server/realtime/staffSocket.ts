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

export async function joinStaffRooms(socket: AppSocket, staff: Staff, s: RealtimeServices, log: Logger): Promise<void> {
  try {
    const [active, duties] = await Promise.all([s.deps.store.listActiveFor(staff.id), s.deps.store.listDuty()]);
    // Revoked while these were read (logout, deactivation): no room for a socket that is no one's now.
    if (socket.data.actor?.kind !== "staff" || socket.disconnected) return;
    if (duties.some((d) => d.staffId === staff.id)) await socket.join(rooms.onDuty);
    await socket.join([
      rooms.staff(staff.id),
      rooms.allStaff,
      rooms.role(staff.role),
      ...active.flatMap((c) => [rooms.conversation(c.id), rooms.conversationStaff(c.id)]),
    ]);
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
