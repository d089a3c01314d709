import { type ReactNode, useEffect, useState } from "react";
import { type Ack, LIMITS } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { errorText } from "../lib/errorText";
import { ChatDialogs } from "./ChatDialogs";
import { type ChatDialog, ChatFacts, ChatTools, ClosedChat, ReturningNotice } from "./ChatHeader";
import { ChatLog } from "./ChatMessages";
import { type ChatState, openEscalation } from "./chatState";
import { CrisisProtocol, EscalationStatus } from "./EscalationParts";
import { SnippetComposer } from "./SnippetComposer";
import type { ConsoleState } from "./state";
import type { useConsole } from "./useConsole";

/** What the pane needs from its workplace: the volunteer console and the professional's taken-over chats both give it. */
export type PaneActions = Pick<
  ReturnType<typeof useConsole>["actions"],
  "request" | "send" | "escalate" | "dismissRisk" | "closeProtocol" | "refreshColleagues"
>;

export interface ConversationPaneProps {
  chat: ChatState;
  state: Pick<ConsoleState, "locations" | "staff" | "colleagues">;
  actions: PaneActions;
  onError(message: string): void;
  /** More tools in the header (the professional's "hand back"). */
  extraTools?: ReactNode;
  /** A closed chat: open its wrap-up, or close it. */
  onWrapUp?(): void;
  onDismiss(): void;
}

/** One chat: who it is with (as far as they shared), the messages, the tools, the note. */
export function ConversationPane({ chat, state, actions, onError, extraTools, onWrapUp, onDismiss }: ConversationPaneProps) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<ChatDialog>();
  const v = chat.view;
  const open = openEscalation(chat);
  const closed = chat.closed;
  const location = state.locations.find((l) => l.id === (v.locationId ?? state.staff?.locationId));

  // A chat that closed (ended, taken over) has no open dialog left: its tools are gone.
  useEffect(() => {
    if (closed) setDialog(undefined);
  }, [closed]);

  const report = (ack: Ack<unknown>) => {
    if (!ack.ok) onError(errorText(t, ack));
    return ack.ok;
  };
  const send = async (text: string, staffOnly: boolean) => {
    const payload = { conversationId: v.id, id: crypto.randomUUID(), text };
    report(staffOnly ? await actions.send("whisper:send", payload) : await actions.send("message:send", payload));
  };

  return (
    <article className="chat" aria-labelledby={`chat-title-${v.id}`}>
      <header className="chat-info">
        <h2 id={`chat-title-${v.id}`}>{v.nickname ?? t("console.chat.anonymous")}</h2>
        <ChatFacts chat={chat} />
        {v.handoverNote && <p className="handover">{t("console.chat.handover", { note: v.handoverNote })}</p>}
        <ReturningNotice view={v} />
        {closed ? (
          <ClosedChat closed={closed} onDismiss={onDismiss} {...(onWrapUp && { onWrapUp })} />
        ) : (
          <ChatTools
            {...(open && { escalationLevel: open.level })}
            onOpen={setDialog}
            onTransfer={() => (void actions.refreshColleagues(), setDialog("transfer"))}
            extraTools={extraTools}
          />
        )}
      </header>

      {!closed && (
        <EscalationStatus
          chat={chat}
          onEscalateFromRisk={async () => report(await actions.escalate(v.id, "urgent", t("console.risk.note")))}
          onRaise={async (level) => report(await actions.escalate(v.id, level))}
          onDismissRisk={() => actions.dismissRisk(v.id)}
        />
      )}
      {chat.crisisProtocol && <CrisisProtocol onClose={() => actions.closeProtocol(v.id)} />}
      <ChatDialogs
        dialog={dialog}
        conversationId={v.id}
        {...(open && { escalationLevel: open.level })}
        state={state}
        actions={actions}
        report={report}
        onClose={() => setDialog(undefined)}
      />

      <div className="chat-body">
        <ChatLog chat={chat} />
        <InternalNote chat={chat} onSave={async (note) => report(await actions.request("note:set", { conversationId: v.id, note }))} />
      </div>
      <p className="typing" aria-live="polite">
        {chat.youthTyping ? t("console.chat.youthTyping") : ""}
      </p>
      {!closed && (
        <SnippetComposer
          conversationId={v.id}
          location={location}
          onSend={(text, staffOnly) => void send(text, staffOnly)}
          onTyping={(typing) => void actions.request("typing:set", { conversationId: v.id, typing })}
        />
      )}
    </article>
  );
}

/** The volunteer's internal note (never shown to the youth), saved when the field loses focus. */
function InternalNote({ chat, onSave }: { chat: ChatState; onSave(note: string): Promise<boolean> }) {
  const { t } = useI18n();
  const v = chat.view;
  const [note, setNote] = useState(v.note ?? "");
  const [noteSaved, setNoteSaved] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another chat or a note saved elsewhere resets the field
  useEffect(() => {
    setNote(chat.view.note ?? "");
  }, [chat.view.id, chat.view.note]);
  const saveNote = async () => {
    if (note === (v.note ?? "")) return;
    if (await onSave(note)) setNoteSaved(true);
  };
  return (
    <aside className="note">
      <label htmlFor={`note-${v.id}`}>{t("console.note.label")}</label>
      <textarea
        id={`note-${v.id}`}
        rows={6}
        maxLength={LIMITS.noteChars}
        value={note}
        onChange={(e) => (setNote(e.target.value), setNoteSaved(false))}
        onBlur={() => void saveNote()}
      />
      {noteSaved && (
        <span className="hint" role="status">
          {t("console.note.saved")}
        </span>
      )}
    </aside>
  );
}
