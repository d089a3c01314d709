import type { MessageView, PeerView, StaffConversationView, YouthConversationView } from "../../shared/protocol";
import type { Conversation, Message } from "../domain/conversation";
import type { Staff } from "../domain/staff";

/** A staff member as the youth may see them: first name and role. */
export function peerOf(staff: Pick<Staff, "displayName" | "role"> | undefined): PeerView | undefined {
  return staff && { role: staff.role, name: staff.displayName };
}

export function youthView(c: Conversation, holder?: Staff): YouthConversationView {
  const peer = c.status === "active" || c.status === "ended" ? peerOf(holder) : undefined;
  return {
    id: c.id,
    status: c.status,
    locationChoice: c.locationChoice,
    queuedAt: c.queuedAt,
    ...(peer && { peer }),
    ...(c.endedBy && { endedBy: c.endedBy }),
    staffDeliveredSeq: c.staffDeliveredSeq,
    lastSeq: c.lastSeq,
  };
}

export function staffView(c: Conversation): StaffConversationView {
  return {
    id: c.id,
    status: c.status,
    locationChoice: c.locationChoice,
    locationId: c.locationId,
    priority: c.priority,
    nickname: c.nickname,
    ageBand: c.ageBand,
    topic: c.topic,
    ...(c.lang && { lang: c.lang }),
    queuedAt: c.queuedAt,
    assignedAt: c.assignedAt,
    endedAt: c.endedAt,
    holderId: c.holderId,
    ...(c.endedBy && { endedBy: c.endedBy }),
    ...(c.endReason && { endReason: c.endReason }),
    ...(c.disconnectedAt !== undefined && { disconnectedAt: c.disconnectedAt }),
    lastSeq: c.lastSeq,
    youthDeliveredSeq: c.youthDeliveredSeq,
    note: c.note,
    handoverNote: c.handoverNote,
    transfers: c.transfers ?? 0,
    ...(c.professionalId && { professionalId: c.professionalId }),
    ...(c.previousVolunteerId &&
      c.holderId &&
      c.holderId === c.professionalId &&
      c.previousVolunteerId !== c.holderId && { previousVolunteerId: c.previousVolunteerId }),
    ...(c.returning && { returning: c.holderId === c.preferredStaffId ? ("same-volunteer" as const) : ("another-volunteer" as const) }),
    // The note from last time is that volunteer's own: nobody else the chat goes to sees it.
    ...(c.returnNote && c.holderId === c.preferredStaffId && { returnNote: c.returnNote }),
  };
}

/** What a youth may see of the messages: never a whisper between staff. */
export function visibleToYouth(messages: readonly Message[]): Message[] {
  return messages.filter((m) => m.visibility !== "staff");
}

export function messageView(m: Message): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: { role: m.senderRole, ...(m.senderName && { name: m.senderName }) },
    text: m.text,
    sentAt: m.sentAt,
    ...(m.visibility && { visibility: m.visibility }),
    ...(m.system && { system: m.system }),
  };
}
