import type { Millis } from "../../domain/clock";
import type { ClaimDebriefResult, Debrief, DebriefMessage } from "../../domain/debrief/debrief";

/** A volunteer's "praat even na" and its staff-only thread. */
export interface DebriefStore {
  createDebrief(debrief: Debrief): Promise<void>;
  getDebrief(id: string): Promise<Debrief | undefined>;
  /** Every stored debrief (closed ones until retention purges them), in no particular order. */
  listDebriefs(): Promise<Debrief[]>;
  /** Atomic: exactly one of several professionals racing to take an open debrief wins. */
  claimDebrief(id: string, staffId: string, now: Millis): Promise<ClaimDebriefResult>;
  /**
   * Closes it unless already closed; the closed debrief, or undefined if it was closed already (or
   * does not exist).
   */
  closeDebrief(id: string, now: Millis): Promise<Debrief | undefined>;
  /** Atomic and idempotent on `message.id`, like appendMessage; undefined if the debrief does not exist. */
  appendDebriefMessage(message: Omit<DebriefMessage, "seq">): Promise<{ message: DebriefMessage; duplicate: boolean } | undefined>;
  listDebriefMessages(debriefId: string): Promise<DebriefMessage[]>;
  /** Retention: removes a debrief and its thread. True if anything was there. */
  purgeDebrief(id: string): Promise<boolean>;
}
