import type { Millis } from "../../domain/clock";
import type { Duty, Escalation } from "../../domain/escalation/escalation";

export type OpenEscalationResult = { escalation: Escalation; created: boolean; raised: boolean };

export type ClaimEscalationResult = { ok: true; escalation: Escalation } | { ok: false; reason: "not_found" | "not_open" };

/** Professionals on duty, escalations to them, and the chats they read along with. */
export interface EscalationStore {
  /** A professional on duty for some locations (replaces their earlier duty). */
  putDuty(duty: Duty): Promise<void>;
  removeDuty(staffId: string): Promise<void>;
  listDuty(): Promise<Duty[]>;
  createEscalation(escalation: Escalation): Promise<void>;
  /**
   * Atomic: one unresolved escalation per conversation. If the conversation (not for debriefs) has
   * an unresolved one, it is raised instead (`mergeEscalation`: level up, signals merged) and no
   * second one is made; otherwise `escalation` is created. Racing calls make exactly one.
   */
  openEscalation(escalation: Escalation): Promise<OpenEscalationResult>;
  getEscalation(id: string): Promise<Escalation | undefined>;
  /** Every escalation not yet resolved, in no particular order. */
  listEscalations(): Promise<Escalation[]>;
  /** Records a routing step; false (and nothing written) once it is no longer open. */
  recordOffer(id: string, offer: { offeredTo: string[]; offeredAt: number; unroutedAt?: number }): Promise<boolean>;
  /** Atomic: exactly one of several professionals racing to claim an open escalation wins. */
  claimEscalation(id: string, staffId: string, now: Millis): Promise<ClaimEscalationResult>;
  /** Atomic: a claimed escalation goes back to open (routing starts again), only if `staffId` holds it. */
  releaseEscalation(id: string, staffId: string, now: Millis): Promise<boolean>;
  /** Resolves a claimed escalation; only by the professional who claimed it. */
  resolveEscalation(id: string, staffId: string, resolution: { at: Millis; outcome: string; referral: string }): Promise<boolean>;
  /**
   * Retention: removes a resolved escalation (its notes and outcome); open or claimed ones stay. True
   * if removed.
   */
  purgeEscalation(id: string): Promise<boolean>;
  /** Remembers (or forgets) that a professional reads along with a conversation, so a reload reopens it. */
  setWatching(staffId: string, conversationId: string, watching: boolean): Promise<void>;
  /** The conversations a professional reads along with, in no particular order. */
  listWatching(staffId: string): Promise<string[]>;
}
