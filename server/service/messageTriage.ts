import type { Conversation, Message } from "../domain/conversation";
import type { RiskContext, RiskScorer } from "../domain/risk/riskScorer";
import type { ConversationStore, EventStore, MessageStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import type { Dispatcher } from "./Dispatcher";
import type { EscalationService } from "./EscalationService";

/** How many earlier messages of the conversation the risk triage reads with a youth message. */
export const TRIAGE_CONTEXT_MESSAGES = 6;

/**
 * The scorer's context from the messages before this one: the youth's own (oldest first) and the
 * last message staff sent the youth. Whispers are staff-only and left out.
 */
export function triageContext(earlier: Message[], seq: number): RiskContext {
  const before = earlier.filter((m) => m.seq < seq && m.visibility !== "staff");
  const recent = before.filter((m) => m.senderRole === "youth").map((m) => m.text);
  const lastStaff = [...before].reverse().find((m) => m.senderRole !== "youth")?.text;
  return { recent, ...(lastStaff !== undefined && { lastStaff }) };
}

/** A queued youth whose message reads as high risk goes ahead of everyone who is not. */
export const FLAGGED_PRIORITY = 10;

/** What the triage of a youth message works with. */
export interface MessageTriageParts {
  deps: ServiceDeps<ConversationStore & EventStore & MessageStore>;
  dispatcher: Dispatcher;
  risk: { score: RiskScorer; escalations: EscalationService };
}

/**
 * Risk triage of a youth message, read with the conversation's last few messages (one bounded
 * store read): a queued youth goes first, a volunteer in the chat is prompted and the on-duty
 * professional alerted; an acute message escalates at crisis. Only the level, the signal ids and
 * the acute mark travel; never the text.
 */
export async function triageMessage(o: MessageTriageParts, sentIn: Conversation, text: string, seq: number, now: number): Promise<void> {
  const { store, notifier, log } = o.deps;
  // Most messages score the same whatever came before: the conversation is read only when it could matter.
  let scored = o.risk.score(text);
  if (scored.contextMatters && seq > 1) {
    const earlier = await store.listMessages(sentIn.id, Math.max(0, seq - 1 - TRIAGE_CONTEXT_MESSAGES));
    scored = o.risk.score(text, triageContext(earlier, seq));
  }
  const { level, signals, acute } = scored;
  if (level === "none") return;
  // The sender's connection may have known the conversation from an earlier message: a flag acts
  // on it as it is now (queued again after a transfer, a professional joined since).
  const c = (await store.getConversation(sentIn.id, { lastSeq: false })) ?? sentIn;
  log.info({ event: "risk.flagged", conversationId: c.id, level, signals, acute }, "risk flagged");
  await store.appendEvent({
    type: "risk.flagged",
    at: now,
    conversationId: c.id,
    ...(c.locationId && { locationId: c.locationId }),
    data: { level, signals: signals.join(","), acute },
  });
  if (level !== "high") {
    notifier.emit({ conversationStaff: c.id }, "risk:flagged", { conversationId: c.id, level, signals, acute: false, at: now });
    return;
  }
  if (c.status === "queued") {
    if (c.priority < FLAGGED_PRIORITY) await store.setPriority(c.id, FLAGGED_PRIORITY);
    o.dispatcher.kick();
  }
  const flag = { conversationId: c.id, level, signals, acute, at: now } as const;
  notifier.emit({ onDuty: true }, "risk:flagged", flag);
  // In a chat the escalation prompts the volunteer too; a youth still waiting lands in the on-duty
  // professional's inbox at once (one escalation per conversation: a repeat raises it).
  await o.risk.escalations.raiseFromRisk(c, signals, acute);
}
