import { randomUUID } from "node:crypto";
import type { Role, SystemEvent } from "../../shared/protocol";
import type { MessageStore } from "../store/Store";
import type { ServiceDeps } from "./context";
import { messageView } from "./views";

/**
 * A staff-only line in a conversation's transcript: who joined, took over, handed back or
 * transferred it, how it ended, when the youth's page closed or came back. Stored with the
 * messages (so it survives reloads and the end of the chat, and is purged with the transcript)
 * and sent to the staff in the conversation at once. Never reaches the youth: it is a staff
 * message (`visibility: "staff"`) with no text.
 */
export async function recordSystemLine(
  deps: ServiceDeps<MessageStore>,
  conversationId: string,
  system: SystemEvent,
  sender: { role: Role; id?: string; name?: string },
): Promise<void> {
  const { message } = await deps.store.appendMessage({
    id: randomUUID(),
    conversationId,
    senderRole: sender.role,
    ...(sender.id && { senderId: sender.id }),
    ...(sender.name && { senderName: sender.name }),
    text: "",
    sentAt: deps.clock.now(),
    visibility: "staff",
    system,
  });
  deps.notifier.emit({ conversationStaff: conversationId }, "message:received", messageView(message));
}
