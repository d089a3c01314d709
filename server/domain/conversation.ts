/** A youth's conversation from queue entry to end, its messages and the youth's session. */
import type { AgeBand, ConversationStatus, Role, SystemEvent, Topic } from "../../shared/protocol";
import type { Millis } from "./clock";

/** A conversation from queue entry to end. While `status` is "queued" it is the queue entry. */
export interface Conversation {
  id: string;
  youthId: string;
  status: ConversationStatus;
  /** What the youth chose: a location id or "any". */
  locationChoice: string;
  /** The location of the volunteer who took it. */
  locationId?: string;
  priority: number;
  queuedAt: Millis;
  assignedAt?: Millis;
  endedAt?: Millis;
  endedBy?: Role | "system";
  endReason?: string;
  holderId?: string;
  nickname?: string;
  ageBand?: AgeBand;
  topic?: Topic;
  /** The language of the youth's page when they joined. */
  lang?: "nl" | "en";
  lastSeq: number;
  youthDeliveredSeq: number;
  staffDeliveredSeq: number;
  /** The volunteer's internal note: staff only, never shown to the youth. */
  note?: string;
  /** What the previous volunteer wrote when transferring. */
  handoverNote?: string;
  transfers?: number;
  /** The volunteer a professional took the conversation over from, for handing it back. */
  previousVolunteerId?: string;
  /** A professional who joined the conversation (the youth sees "a professional joined"). */
  professionalId?: string;
  /** The youth session's network key at queue time, for the per-network limits while it waits. */
  abuseKey?: string;
  /** The youth session's device key (keyed hash of the browser's random id), so a block reaches that browser. */
  deviceKey?: string;
  /**
   * Set while the youth's page is disconnected (since when); absent while connected. A waiting youth
   * keeps their place but is never handed to anyone meanwhile.
   */
  disconnectedAt?: Millis;
  /** The youth came back with a return code: its volunteer is offered them first, for a while. */
  returning?: boolean;
  preferredStaffId?: string;
  /** The preferred volunteer's own note from last time, only if the youth agreed to share it. */
  returnNote?: string;
}

export type QueueEntry = Conversation & { status: "queued" };

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderRole: Role;
  /** Staff id for staff; absent for youths, who have no identity beyond the session. */
  senderId?: string;
  senderName?: string;
  text: string;
  sentAt: Millis;
  /** "staff": a whisper or consult inside the conversation, never sent to the youth. */
  visibility?: "staff";
  /** A transcript event for staff (joined, took over, ended, page closed…); always staff-only. */
  system?: SystemEvent;
}

export interface YouthSession {
  youthId: string;
  tokenHash: string;
  /** Keyed hash (key rotates daily) of where the youth connects from; used only for per-network limits. */
  abuseKey?: string;
  /** Keyed hash of the random device id the youth page keeps in its storage; a block holds it out. */
  deviceKey?: string;
  createdAt: Millis;
  lastSeenAt: Millis;
  conversationId?: string;
}
