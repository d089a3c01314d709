import type { Server } from "socket.io";
import type { ClientToServerEvents, Reach, ServerToClientEvents } from "../../shared/protocol";
import type { Audience, EventName, EventPayload, Notifier } from "../service/Notifier";
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

/** Notifier over socket.io rooms; with the Redis adapter every call reaches all server processes. */
/** How long an ended conversation's rooms stay open for its last broadcasts to arrive everywhere. */
const ROOM_CLOSE_DELAY_MS = 2_000;

export class SocketNotifier implements Notifier {
  constructor(private readonly io: IoServer) {}

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

  disconnectStaff(staffId: string): void {
    this.io.in(rooms.staff(staffId)).disconnectSockets(true);
  }

  disconnectSession(sidHash: string): void {
    this.io.in(rooms.session(sidHash)).disconnectSockets(true);
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
