import { type ReactNode, useEffect, useRef, useState } from "react";
import { type Ack, LIMITS, type MessageView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { errorText } from "../lib/errorText";
import { type ChatState, openEscalation } from "./chatState";
import { ConfirmDialog, ConsultDialog, TransferDialog } from "./dialogs";
import { CrisisProtocol, EscalateDialog, EscalationStatus } from "./EscalationParts";
import { SnippetComposer } from "./SnippetComposer";
import type { ConsoleState } from "./state";
import { endedText, systemLineText } from "./systemLine";
import type { useConsole } from "./useConsole";
import { useNow } from "./useNow";

/** What the pane needs from its workplace: the volunteer console and the professional's taken-over chats both give it. */
export type PaneActions = Pick<
  ReturnType<typeof useConsole>["actions"],
  "request" | "send" | "escalate" | "dismissRisk" | "closeProtocol" | "refreshColleagues"
>;
type Dialog = "transfer" | "consult" | "block" | "end" | "escalate" | undefined;
const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

/** A staff-only transcript line (who joined, took over, how it ended…), kept with the chat. */
export function SystemLine({ m }: { m: MessageView }) {
  const { t } = useI18n();
  if (!m.system) return null;
  return (
    <p className="system-line" data-system={m.system.kind}>
      {systemLineText(t, m.system)}
    </p>
  );
}

function Message({ m, youthDeliveredSeq, nickname }: { m: MessageView; youthDeliveredSeq: number; nickname?: string }) {
  const { t } = useI18n();
  if (m.system) return <SystemLine m={m} />;
  const mine = m.sender.role !== "youth";
  const staffOnly = m.visibility === "staff";
  // The professional's words stand apart from the volunteer's own: another colour and their role.
  const pro = m.sender.role === "professional";
  return (
    <div className={`message ${mine ? "mine" : "theirs"}${pro ? " role-professional" : ""}${staffOnly ? " whisper" : ""}`}>
      <span className="sender">
        {m.sender.role === "youth"
          ? (nickname ?? t("console.chat.anonymous"))
          : pro
            ? `${m.sender.name ?? ""} (${t("console.role.professional")})`
            : m.sender.name}
        {staffOnly && ` · ${t("console.chat.whisper")}`}
      </span>
      <p className="text">{m.text}</p>
      {mine && !staffOnly && m.seq <= youthDeliveredSeq && <span className="state">{t("console.chat.seen")}</span>}
    </div>
  );
}

/** A youth who came back with a return code; to their own volunteer, the note from last time if the youth agreed. */
function ReturningNotice({ view }: { view: ChatState["view"] }) {
  const { t } = useI18n();
  if (!view.returning) return null;
  if (view.returning === "another-volunteer") return <p className="returning">{t("console.returnCode.backOther")}</p>;
  return (
    <div className="returning">
      <p>
        <strong>{t("console.returnCode.back")}</strong>
      </p>
      {view.returnNote ? (
        <>
          <p>{t("console.returnCode.note")}</p>
          <blockquote className="return-note">{view.returnNote}</blockquote>
        </>
      ) : (
        <p className="hint">{t("console.returnCode.noNote")}</p>
      )}
    </div>
  );
}

/** One chat: who it is with (as far as they shared), the messages, the tools, the note. */
export function ConversationPane({
  chat,
  state,
  actions,
  onError,
  extraTools,
  onWrapUp,
  onDismiss,
}: {
  chat: ChatState;
  state: Pick<ConsoleState, "locations" | "staff" | "colleagues">;
  actions: PaneActions;
  onError(message: string): void;
  /** More tools in the header (the professional's "hand back"). */
  extraTools?: ReactNode;
  /** A closed chat: open its wrap-up, or close it. */
  onWrapUp?(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  const now = useNow();
  const [dialog, setDialog] = useState<Dialog>();
  const [note, setNote] = useState(chat.view.note ?? "");
  const [noteSaved, setNoteSaved] = useState(false);
  const end = useRef<HTMLDivElement>(null);
  const v = chat.view;
  const open = openEscalation(chat);
  const closed = chat.closed;
  const location = state.locations.find((l) => l.id === (v.locationId ?? state.staff?.locationId));

  // biome-ignore lint/correctness/useExhaustiveDependencies: another chat or a note saved elsewhere resets the field
  useEffect(() => {
    setNote(chat.view.note ?? "");
  }, [chat.view.id, chat.view.note]);
  // A chat that closed (ended, taken over) has no open dialog left: its tools are gone.
  useEffect(() => {
    if (closed) setDialog(undefined);
  }, [closed]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the newest line (a message or the typing line)
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [chat.messages.length, chat.youthTyping]);

  const report = (ack: Ack<unknown>) => {
    if (!ack.ok) onError(errorText(t, ack));
    return ack.ok;
  };
  const send = async (text: string, staffOnly: boolean) => {
    const payload = { conversationId: v.id, id: crypto.randomUUID(), text };
    report(staffOnly ? await actions.send("whisper:send", payload) : await actions.send("message:send", payload));
  };
  const saveNote = async () => {
    if (note === (v.note ?? "")) return;
    if (report(await actions.request("note:set", { conversationId: v.id, note }))) setNoteSaved(true);
  };

  return (
    <article className="chat" aria-labelledby={`chat-title-${v.id}`}>
      <header className="chat-info">
        <h2 id={`chat-title-${v.id}`}>{v.nickname ?? t("console.chat.anonymous")}</h2>
        <p className="facts">
          {v.ageBand && <span>{t("console.chat.age", { age: t(`age.${v.ageBand}`) })}</span>}
          {v.topic && <span>{t("console.chat.topic", { topic: t(`topic.${v.topic}`) })}</span>}
          {v.lang && <span>{t("console.chat.lang", { lang: t(`console.chat.lang.${v.lang}`) })}</span>}
          {v.assignedAt !== undefined && <span>{t("console.chat.waited", { minutes: minutes(v.assignedAt - v.queuedAt) })}</span>}
          {chat.lastYouthAt !== undefined && (
            <span>
              {minutes(now - chat.lastYouthAt) < 1
                ? t("console.chat.lastYouthNow")
                : t("console.chat.lastYouth", { minutes: minutes(now - chat.lastYouthAt) })}
            </span>
          )}
        </p>
        {v.handoverNote && <p className="handover">{t("console.chat.handover", { note: v.handoverNote })}</p>}
        <ReturningNotice view={v} />
        {closed ? (
          <div className="closed-chat" role="status">
            <p>
              <strong>
                {closed.kind === "ended"
                  ? `${t("console.closed.ended")} ${endedText(t, closed.by, closed.reason)}`
                  : closed.to
                    ? t("console.closed.takenOver", { name: closed.to.name })
                    : t("console.closed.takenOverAnon")}
              </strong>
            </p>
            <div className="tools">
              {closed.kind === "ended" && onWrapUp && (
                <button type="button" className="button button-primary" onClick={onWrapUp}>
                  {t("console.closed.wrapUp")}
                </button>
              )}
              <button type="button" className="button" onClick={onDismiss}>
                {t("console.closed.dismiss")}
              </button>
            </div>
          </div>
        ) : (
          <div className="tools">
            {/* One escalation per chat: once one is open, the button raises its level instead. */}
            {open?.level !== "crisis" && (
              <button type="button" className="button button-danger" onClick={() => setDialog("escalate")}>
                {open ? t("console.escalation.raise") : t("console.chat.escalate")}
              </button>
            )}
            <button type="button" className="button" onClick={() => (void actions.refreshColleagues(), setDialog("transfer"))}>
              {t("console.chat.transfer")}
            </button>
            <button type="button" className="button" onClick={() => setDialog("consult")}>
              {t("console.chat.consult")}
            </button>
            <button type="button" className="button button-danger-quiet" onClick={() => setDialog("block")}>
              {t("console.chat.block")}
            </button>
            <button type="button" className="button" onClick={() => setDialog("end")}>
              {t("console.chat.end")}
            </button>
            {extraTools}
          </div>
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
      {dialog === "escalate" && (
        <EscalateDialog
          above={open?.level}
          onClose={() => setDialog(undefined)}
          onRaise={async (level, note) => {
            if (report(await actions.escalate(v.id, level, note))) setDialog(undefined);
          }}
        />
      )}
      {dialog === "transfer" && (
        <TransferDialog
          colleagues={state.colleagues}
          locations={state.locations}
          onClose={() => setDialog(undefined)}
          onTransfer={async (to, handover) => {
            if (report(await actions.request("conversation:transfer", { conversationId: v.id, to, ...(handover && { note: handover }) })))
              setDialog(undefined);
          }}
        />
      )}
      {dialog === "consult" && (
        <ConsultDialog
          onClose={() => setDialog(undefined)}
          onSend={async (text) => {
            if (report(await actions.send("whisper:send", { conversationId: v.id, id: crypto.randomUUID(), text, consult: true })))
              setDialog(undefined);
          }}
        />
      )}
      {dialog === "block" && (
        <ConfirmDialog
          title={t("console.block.title")}
          body={t("console.block.body")}
          confirm={t("console.block.confirm")}
          onClose={() => setDialog(undefined)}
          onConfirm={async () => report(await actions.request("conversation:block", { conversationId: v.id }))}
        />
      )}
      {dialog === "end" && (
        <ConfirmDialog
          title={t("console.chat.end")}
          body={t("console.chat.endConfirm")}
          confirm={t("console.chat.end")}
          onClose={() => setDialog(undefined)}
          onConfirm={async () => report(await actions.request("conversation:end", { conversationId: v.id }))}
        />
      )}

      <div className="chat-body">
        {/* Focusable, so the conversation can be scrolled back with the keyboard. */}
        <div className="messages" role="log" aria-live="polite" aria-label={t("chat.log")} tabIndex={0}>
          {chat.messages.map((m) => (
            <Message key={m.seq} m={m} youthDeliveredSeq={v.youthDeliveredSeq} nickname={v.nickname} />
          ))}
          <div ref={end} />
        </div>
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
