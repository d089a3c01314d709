import type { Ack, EscalationLevel } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { ChatDialog } from "./ChatHeader";
import type { PaneActions } from "./ConversationPane";
import { ConfirmDialog, ConsultDialog, TransferDialog } from "./dialogs";
import { EscalateDialog } from "./EscalationParts";
import type { ConsoleState } from "./state";

/** The open dialog of a chat's tools, if any: each closes itself once its request went through. */
export function ChatDialogs({
  dialog,
  conversationId,
  escalationLevel,
  state,
  actions,
  report,
  onClose,
}: {
  dialog: ChatDialog | undefined;
  conversationId: string;
  escalationLevel?: EscalationLevel;
  state: Pick<ConsoleState, "locations" | "colleagues">;
  actions: PaneActions;
  /** Shows a refusal and says whether the request went through. */
  report(ack: Ack<unknown>): boolean;
  onClose(): void;
}) {
  const { t } = useI18n();
  switch (dialog) {
    case "escalate":
      return (
        <EscalateDialog
          above={escalationLevel}
          onClose={onClose}
          onRaise={async (level, note) => {
            if (report(await actions.escalate(conversationId, level, note))) onClose();
          }}
        />
      );
    case "transfer":
      return (
        <TransferDialog
          colleagues={state.colleagues}
          locations={state.locations}
          onClose={onClose}
          onTransfer={async (to, handover) => {
            if (report(await actions.request("conversation:transfer", { conversationId, to, ...(handover && { note: handover }) })))
              onClose();
          }}
        />
      );
    case "consult":
      return (
        <ConsultDialog
          onClose={onClose}
          onSend={async (text) => {
            if (report(await actions.send("whisper:send", { conversationId, id: crypto.randomUUID(), text, consult: true }))) onClose();
          }}
        />
      );
    case "block":
      return (
        <ConfirmDialog
          title={t("console.block.title")}
          body={t("console.block.body")}
          confirm={t("console.block.confirm")}
          onClose={onClose}
          onConfirm={async () => report(await actions.request("conversation:block", { conversationId }))}
        />
      );
    case "end":
      return (
        <ConfirmDialog
          title={t("console.chat.end")}
          body={t("console.chat.endConfirm")}
          confirm={t("console.chat.end")}
          onClose={onClose}
          onConfirm={async () => report(await actions.request("conversation:end", { conversationId }))}
        />
      );
    default:
      return null;
  }
}
