import type { Logger } from "pino";
import type { Server } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, Reach, ServerToClientEvents } from "../../shared/protocol";
import type { Audience, EventName, EventPayload, Notifier } from "../service/Notifier";
import type { Revocation } from "../service/rights";
import type { RightsRegistry } from "./rights";
import { rooms } from "./rooms";

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;

function roomOf(to: Exclude<Audience, { everyone: true }>): string {
  if ("youth" in to) return rooms.youth(to.youth);
  if ("staff" in to) return rooms.staff(to.staff);
  if ("conversation" in to) return rooms.conversation(to.conversation);
  if ("conversationStaff" in to) return rooms.conversationStaff(to.conversationStaff);
  if ("role" in to) return rooms.role(to.role);
  if ("onDuty" in to) return rooms.onDuty;
  return rooms.allStaff;
}

/** How long an ended conversation's rooms stay open for its last broadcasts to arrive everywhere. */
const ROOM_CLOSE_DELAY_MS = 2_000;

/** The server-to-server event that carries a revocation to the other processes. */
export const REVOCATION_EVENT = "rights:revoked";

/** How long a revocation waits for the other processes' answers before it goes on without them (logged). */
const REVOCATION_WAIT_MS = 2_000;

/** A revocation as it arrives from another process: checked like any other input before it is applied. */
export const RevocationMessage: z.ZodType<Revocation> = z.union([
  z.object({ conversation: z.string().min(1) }).strict(),
  z.object({ staff: z.string().min(1), close: z.boolean() }).strict(),
  z.object({ session: z.string().min(1), close: z.boolean() }).strict(),
]);

/** The part of the cluster adapter a revocation uses: a server-side emit that collects every other process's answer. */
interface ServerSideEmitter {
  serverSideEmit(packet: unknown[]): Promise<unknown> | undefined;
}

/** Notifier over socket.io rooms; with the Redis adapter every call reaches all server processes. */
export class SocketNotifier implements Notifier {
  /**
   * `rights`: this process's sockets' known rights; `clustered`: other processes may exist (the
   * Redis adapter), so revocations go to them too.
   */
  constructor(
    private readonly io: IoServer,
    private readonly rights: RightsRegistry,
    private readonly options: { clustered: boolean; log: Logger },
  ) {}

  emit<E extends EventName>(to: Audience, event: E, payload: EventPayload<E>): void {
    // socket.io's typed emit cannot follow a generic event name through its overloads.
    const target = "everyone" in to ? this.io : this.io.to(roomOf(to));
    (target.emit as (e: string, p: unknown) => void).call(target, event, payload);
  }

  async join(who: { youth: string } | { staff: string }, conversationId: string): Promise<void> {
    const target = [rooms.conversation(conversationId)];
    if ("staff" in who) target.push(rooms.conversationStaff(conversationId));
    this.io.in(roomOf(who)).socketsJoin(target);
  }

  async leave(who: { staff: string }, conversationId: string): Promise<void> {
    this.io.in(roomOf(who)).socketsLeave([rooms.conversation(conversationId), rooms.conversationStaff(conversationId)]);
  }

  async closeConversation(conversationId: string): Promise<void> {
    const all = rooms.conversation(conversationId);
    const staff = rooms.conversationStaff(conversationId);
    // The sharded adapter publishes a room's broadcast on the room's own channel and a
    // "sockets leave" on another; on a Redis Cluster those live on different shards, so the leave
    // could overtake the `conversation:ended` just sent to the room and a socket on another process
    // would never hear that the chat ended. The rooms are emptied a moment later instead: an ended
    // conversation takes no new messages, so nothing else reaches them meanwhile.
    const leave = setTimeout(() => {
      this.io.in(all).socketsLeave(all);
      this.io.in(staff).socketsLeave(staff);
    }, ROOM_CLOSE_DELAY_MS);
    leave.unref();
  }

  async isStaffConnected(staffId: string): Promise<boolean> {
    const sockets = await this.io.in(rooms.staff(staffId)).fetchSockets();
    return sockets.length > 0;
  }

  /** Sockets only: without push, an open console is the only way to reach anyone. */
  async reachOf(staffId: string): Promise<Reach> {
    return (await this.isStaffConnected(staffId)) ? "console" : "none";
  }

  async isYouthConnected(youthId: string): Promise<boolean> {
    const sockets = await this.io.in(rooms.youth(youthId)).fetchSockets();
    return sockets.length > 0;
  }

  setOnDuty(staffId: string, onDuty: boolean): void {
    const sockets = this.io.in(rooms.staff(staffId));
    if (onDuty) sockets.socketsJoin(rooms.onDuty);
    else sockets.socketsLeave(rooms.onDuty);
  }

  /**
   * Here at once; on the other processes through the adapter's server-side emit with an answer from
   * each (counted by the adapter from the subscribers of its channel), so when this resolves every
   * process that can hear has applied it. A process that cannot hear has suspended its trust
   * (realtime.ts), so it reads the store meanwhile.
   */
  async revoke(what: Revocation): Promise<void> {
    this.rights.apply(what);
    if (!this.options.clustered) return;
    // Also the way consoles were closed before rights were pushed: a process of the previous release
    // during a rolling deploy does not hear the revocation, but it does hear the room.
    if ("staff" in what && what.close) this.io.in(rooms.staff(what.staff)).disconnectSockets(true);
    // Straight to the adapter: socket.io's own serverSideEmit drops the promise, and with it a
    // rejection when Redis is away.
    const adapter = this.io.of("/").adapter as unknown as ServerSideEmitter;
    const { log } = this.options;
    await new Promise<void>((resolve) => {
      let settled = false;
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) log.warn({ event: "rights.revoke.unconfirmed", err: error }, "a revocation was not confirmed by every process");
        resolve();
      };
      const timer = setTimeout(() => settle(new Error(`no answer from every process in ${REVOCATION_WAIT_MS} ms`)), REVOCATION_WAIT_MS);
      timer.unref();
      try {
        // Each process answers whether it applied the revocation: a `false` (it could not parse it) is no confirmation.
        const answered = (error: Error | null, answers?: unknown[]) =>
          settle(error ?? (answers?.every((a) => a === true) === false ? new Error("a process could not apply it") : undefined));
        adapter.serverSideEmit([REVOCATION_EVENT, what, answered])?.catch(settle);
      } catch (error) {
        settle(error);
      }
    });
  }

  disconnectYouth(youthId: string): void {
    this.io.in(rooms.youth(youthId)).disconnectSockets(true);
  }

  async conversationsOf(who: { staff: string }): Promise<string[]> {
    const sockets = await this.io.in(rooms.staff(who.staff)).fetchSockets();
    const ids = new Set<string>();
    for (const socket of sockets)
      for (const room of socket.rooms) {
        const id = rooms.conversationOf(room);
        if (id) ids.add(id);
      }
    return [...ids];
  }
}
