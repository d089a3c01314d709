import { compareEscalations as byLevelThenAge, type EscalationLevel, type Reach } from "../../../shared/protocol";
import type { Millis } from "../clock";

export type { EscalationLevel };

/** How long one professional has to acknowledge before the next one is alerted. */
export const DEFAULT_ACK_TIMEOUTS_MS: Record<EscalationLevel, number> = {
  crisis: 30_000,
  urgent: 60_000,
  consult: 300_000,
};

export type EscalationStatus = "open" | "claimed" | "resolved";

/** A volunteer's (or the risk scorer's) call for the on-duty professional, from raise to resolve. */
export interface Escalation {
  id: string;
  conversationId?: string;
  locationId: string;
  level: EscalationLevel;
  source: "volunteer" | "risk" | "debrief";
  note?: string;
  raisedBy?: string;
  raisedAt: Millis;
  status: EscalationStatus;
  /** Professionals alerted so far, in the order they were; the last one is the current offer. */
  offeredTo: string[];
  offeredAt: Millis;
  /** Set once every candidate has had their turn, or nobody was on duty: the crisis protocol shows. */
  unroutedAt?: Millis;
  claimedBy?: string;
  claimedAt?: Millis;
  resolvedAt?: Millis;
  outcome?: string;
  referral?: string;
  /** Risk signal ids behind it (risk escalations), merged when a later signal raises it. */
  signals?: string[];
  /** When the last signal or raise came in. */
  signalAt?: Millis;
}

/** The higher of two levels. */
export function higherLevel(a: EscalationLevel, b: EscalationLevel): EscalationLevel {
  const order: readonly EscalationLevel[] = ["consult", "urgent", "crisis"];
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}

/**
 * A second call about a conversation that already has an open (or claimed) one: the level only
 * goes up, signals are merged, and a raise counts as a new signal. Pure; the store applies it
 * atomically. `raised` says whether the level went up.
 */
export function mergeEscalation(open: Escalation, incoming: Escalation): { escalation: Escalation; raised: boolean } {
  const level = higherLevel(open.level, incoming.level);
  const raised = level !== open.level;
  const signals = [...new Set([...(open.signals ?? []), ...(incoming.signals ?? [])])];
  const newSignal = signals.length > (open.signals ?? []).length;
  const escalation: Escalation = {
    ...open,
    level,
    ...(signals.length > 0 && { signals }),
    ...(!open.note && incoming.note && { note: incoming.note }),
    ...((raised || newSignal) && { signalAt: incoming.raisedAt }),
  };
  return { escalation, raised };
}

/** A professional on duty, for the locations they cover. */
export interface Duty {
  staffId: string;
  locationIds: string[];
  since: Millis;
  /** "roster": set by a rostered shift and ended with it; otherwise set by the professional. */
  source?: "manual" | "roster";
}

/**
 * Who is alerted, in order: the escalation location's on-duty professionals (longest on duty
 * first), then those of other locations. Everyone once.
 */
export function candidates(escalation: Pick<Escalation, "locationId">, duties: readonly Duty[]): string[] {
  const here = duties.filter((d) => d.locationIds.includes(escalation.locationId)).sort((a, b) => a.since - b.since);
  const elsewhere = duties.filter((d) => !d.locationIds.includes(escalation.locationId)).sort((a, b) => a.since - b.since);
  return [...new Set([...here, ...elsewhere].map((d) => d.staffId))];
}

/**
 * The duties routing may offer to: a professional with an open console, or with a subscribed device
 * (paged by push; their offer runs its normal timeout). One nobody can reach is skipped at once.
 */
export function reachableDuties(duties: readonly Duty[], reach: ReadonlyMap<string, Reach>): Duty[] {
  return duties.filter((d) => (reach.get(d.staffId) ?? "none") !== "none");
}

export type RoutingStep =
  | { kind: "wait" } // the current offer still has time
  | { kind: "offer"; staffId: string } // alert this professional next
  | { kind: "unrouted" } // nobody (left) to alert: crisis protocol now, stays open for anyone
  | { kind: "realert" }; // still unrouted after another timeout: everyone on duty is reminded

/**
 * The next step for an open escalation at `now`. Pure: the service applies it and records it.
 * Nothing is ever dropped: the last step is "unrouted", which keeps it open and visible to all.
 */
export function nextStep(escalation: Escalation, duties: readonly Duty[], now: Millis, timeouts = DEFAULT_ACK_TIMEOUTS_MS): RoutingStep {
  if (escalation.status !== "open") return { kind: "wait" };
  const current = escalation.offeredTo.at(-1);
  const stillOnDuty = current !== undefined && duties.some((d) => d.staffId === current);
  if (stillOnDuty && now - escalation.offeredAt < timeouts[escalation.level]) return { kind: "wait" };
  const next = candidates(escalation, duties).find((id) => !escalation.offeredTo.includes(id));
  if (next) return { kind: "offer", staffId: next };
  if (escalation.unroutedAt === undefined) return { kind: "unrouted" };
  // Nobody took it: remind everyone on duty once per timeout, for as long as it stays open.
  return now - escalation.offeredAt >= timeouts[escalation.level] ? { kind: "realert" } : { kind: "wait" };
}

/** Applies a step; returns the escalation as it is after it. */
export function applyStep(escalation: Escalation, step: RoutingStep, now: Millis): Escalation {
  if (step.kind === "offer") return { ...escalation, offeredTo: [...escalation.offeredTo, step.staffId], offeredAt: now };
  if (step.kind === "unrouted") return { ...escalation, unroutedAt: now, offeredAt: now };
  if (step.kind === "realert") return { ...escalation, offeredAt: now };
  return escalation;
}

/** The inbox order: crisis before urgent before consult, then oldest first. */
export const compareEscalations: (a: Escalation, b: Escalation) => number = byLevelThenAge;
