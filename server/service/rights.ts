import type { Conversation } from "../domain/conversation";
import type { Actor } from "./actors";

/**
 * What one connection already knows of the conversations it speaks in, so a message does not read
 * the conversation from the store again. The transport keeps one per socket (server/realtime/
 * rights.ts). It only ever holds rights a store read granted; every change that takes a right away
 * goes through a service that calls `Notifier.revoke`, which drops it on every process before the
 * change is answered. Anything it cannot vouch for (too old, out of the room, a revocation missed)
 * it does not return, and the caller reads the store: the safe direction is a read, never an allow.
 */
export interface KnownRights {
  /**
   * The conversation (without its `lastSeq`) as read when this connection last spoke in it while it
   * was active; undefined when the store must be read, which includes while an earlier read of it
   * on this connection is still under way: a later message must not overtake an earlier one.
   */
  speakerIn(conversationId: string): Conversation | undefined;
  /** Call before reading the conversation from the store; pass what it returns to `readEnded`. */
  readStarted(conversationId: string): number;
  /**
   * Ends that read (also when it failed): remembers that this connection may speak in `granted`,
   * unless a revocation reached this process since `readStarted` returned `mark` (the read may
   * then predate the change).
   */
  readEnded(conversationId: string, granted: Conversation | undefined, mark: number): void;
}

/**
 * A right taken away, on every process: everything known of one conversation (it ended, changed
 * hands, someone stepped out), or of one staff member or one staff session (logout, deactivation,
 * a changed record). With `close`, those sockets are closed too: they must authenticate again.
 */
export type Revocation = { conversation: string } | { staff: string; close: boolean } | { session: string; close: boolean };

/** The youth of the conversation, its holder, or the professional who joined it: who may speak in it. */
export function isSpeaker(actor: Actor, c: Conversation): boolean {
  if (actor.kind === "youth") return c.youthId === actor.youthId;
  return c.holderId === actor.staff.id || c.professionalId === actor.staff.id;
}
