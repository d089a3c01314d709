import type { ReactNode } from "react";
import { useI18n } from "../i18n/i18n";
import type { ChatState } from "./chatState";
import { endedText } from "./systemLine";
import { useNow } from "./useNow";

const minutes = (ms: number) => Math.max(0, Math.floor(ms / 60_000));

/** What the youth shared, how long they waited, when they last wrote. */
export function ChatFacts({ chat }: { chat: ChatState }) {
  const { t } = useI18n();
  const now = useNow();
  const v = chat.view;
  return (
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
  );
}

/** A youth who came back with a return code; to their own volunteer, the note from last time if the youth agreed. */
export function ReturningNotice({ view }: { view: ChatState["view"] }) {
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

/** A chat that is over for me says why, and offers its wrap-up (if it ended) and to close it. */
export function ClosedChat({
  closed,
  onWrapUp,
  onDismiss,
}: {
  closed: NonNullable<ChatState["closed"]>;
  onWrapUp?(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  return (
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
  );
}

/** The dialogs a live chat's tools open. */
export type ChatDialog = "transfer" | "consult" | "block" | "end" | "escalate";

/** A live chat's tools; each opens its dialog. */
export function ChatTools({
  escalationLevel,
  onOpen,
  onTransfer,
  extraTools,
}: {
  /** The level of the chat's open escalation, if any. */
  escalationLevel?: string;
  onOpen(dialog: ChatDialog): void;
  /** The transfer dialog opens with the colleagues read afresh. */
  onTransfer(): void;
  extraTools?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="tools">
      {/* One escalation per chat: once one is open, the button raises its level instead. */}
      {escalationLevel !== "crisis" && (
        <button type="button" className="button button-danger" onClick={() => onOpen("escalate")}>
          {escalationLevel ? t("console.escalation.raise") : t("console.chat.escalate")}
        </button>
      )}
      <button type="button" className="button" onClick={onTransfer}>
        {t("console.chat.transfer")}
      </button>
      <button type="button" className="button" onClick={() => onOpen("consult")}>
        {t("console.chat.consult")}
      </button>
      <button type="button" className="button button-danger-quiet" onClick={() => onOpen("block")}>
        {t("console.chat.block")}
      </button>
      <button type="button" className="button" onClick={() => onOpen("end")}>
        {t("console.chat.end")}
      </button>
      {extraTools}
    </div>
  );
}
