import type { Reach, ServerToClientEvents, StaffRole } from "../../shared/protocol";
import type { Revocation } from "./rights";

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

/** Who an event goes to; the transport maps these onto rooms. */
export type Audience =
  | { youth: string }
  | { staff: string }
  /** Everyone in the conversation, youth included. */
  | { conversation: string }
  /** Only the staff in the conversation: whispers, notes. */
  | { conversationStaff: string }
  | { role: StaffRole }
  /** Professionals on duty now: escalations and risk flags carry notes, so nobody else gets them. */
  | { onDuty: true }
  | { allStaff: true }
  /** Every connected page, youth or staff: service-wide news such as changed opening hours. */
  | { everyone: true };

/** The only way services talk to clients: no socket.io inside the service layer. */
export interface Notifier {
  emit<E extends EventName>(to: Audience, event: E, payload: EventPayload<E>): void;
  /** Adds every socket of a youth or staff member, on any server process, to a conversation (staff also to its staff side). */
  join(who: { youth: string } | { staff: string }, conversationId: string): Promise<void>;
  /** Takes a staff member's sockets out of a conversation they handed on. */
  leave(who: { staff: string }, conversationId: string): Promise<void>;
  /** Removes every socket from a conversation once it has ended. */
  closeConversation(conversationId: string): Promise<void>;
  /** Whether a staff member still has a socket on any process. */
  isStaffConnected(staffId: string): Promise<boolean>;
  /**
   * How a staff member can be reached now: an open console on any process, else a subscribed device
   * (Web Push), else not at all. Routing skips "none" at once.
   */
  reachOf(staffId: string): Promise<Reach>;
  /** Whether a youth still has a socket on any process. */
  isYouthConnected(youthId: string): Promise<boolean>;
  /** Puts a professional's sockets in (or out of) the on-duty audience. */
  setOnDuty(staffId: string, onDuty: boolean): void;
  /**
   * Takes a right away from every connection that holds it, on every process (server/service/
   * rights.ts): what they knew of a conversation, or a staff member's or session's standing (then
   * read again before their next event, or, with `close`, their sockets closed). Resolves once every
   * process has done it, so whatever is answered after it holds everywhere; a process that does not
   * answer in time is logged, and re-reads within its cache's age limit.
   */
  revoke(what: Revocation): Promise<void>;
  /** Closes every socket of a youth session, on every process (quick exit): no other tab goes on. */
  disconnectYouth(youthId: string): void;
  /** The conversations whose rooms any socket of this staff member is in now, on every process. */
  conversationsOf(who: { staff: string }): Promise<string[]>;
}
