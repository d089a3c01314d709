import { type ReactNode, useEffect, useRef, useState } from "react";
import { ANY_LOCATION, type Estimate, type ServiceStatus } from "../../../shared/protocol";
import { pluralKey, useI18n } from "../i18n/i18n";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import { Composer } from "./Composer";
import { MessageList } from "./MessageList";
import type { YouthModel } from "./machine";
import { SoundToggle } from "./SoundToggle";
import { useStepFocus } from "./useStepFocus";

/** A wait is "long" once the honest upper estimate, or the time already waited, passes these. */
const LONG_WAIT_MINUTES = 15;
const LONG_WAITED_MS = 10 * 60_000;

function EstimateText({ estimate }: { estimate: Estimate }) {
  const { t } = useI18n();
  if (estimate.kind === "unknown") return <>{t("waiting.estimateUnknown")}</>;
  if (estimate.high <= 1) return <>{t("waiting.estimateSoon")}</>;
  return <>{t("waiting.estimate", { low: estimate.low, high: estimate.high })}</>;
}

/** Whether the place the youth waits for has closed (for "any": every location). */
export function closedWhileWaiting(status: ServiceStatus | undefined, locationChoice: string | undefined): boolean {
  if (!status || !locationChoice) return false;
  if (locationChoice === ANY_LOCATION) return !status.anyOpen;
  return status.locations.find((l) => l.id === locationChoice)?.open === false;
}

function WaitingPanel({ model, onLeave, extra }: { model: YouthModel; onLeave(): void; extra?: ReactNode }) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const queue = model.queue;
  const ahead = Math.max(0, (queue?.position ?? 1) - 1);
  const waited = model.conversation ? Date.now() - model.conversation.queuedAt : 0;
  const long = (queue?.estimate.kind === "minutes" && queue.estimate.high > LONG_WAIT_MINUTES) || waited > LONG_WAITED_MS;
  const closed = closedWhileWaiting(model.status, model.conversation?.locationChoice);
  return (
    <>
      <div className="queue-status" role="status" aria-live="polite">
        <p className="lead">{ahead === 0 ? t("waiting.first") : t(pluralKey(lang, "waiting.ahead", ahead), { n: ahead })}</p>
        {queue && (
          <p>
            <EstimateText estimate={queue.estimate} />
          </p>
        )}
        {model.returning?.availability === "here" && <p>{t("returnCode.waiting.here", { name: model.returning.name })}</p>}
      </div>
      {/* Told at once when the chat closes while they wait: what happens to their place, and the lines. */}
      <div role="alert" className={closed ? "closed-while-waiting" : undefined}>
        {closed && (
          <>
            <h2>{t("waiting.closed.title")}</h2>
            <p>{t("waiting.closed.body")}</p>
          </>
        )}
      </div>
      {closed && <AlwaysOpenLines />}
      {long && !closed && (
        <div className="long-wait">
          <p>{t("waiting.long")}</p>
          <AlwaysOpenLines />
        </div>
      )}
      <div className="conversation-tools">
        <SoundToggle />
        {!confirming && (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {t("waiting.leave")}
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="leave-confirm">
          <p id="leave-confirm">{t("waiting.leaveConfirm")}</p>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t("waiting.leaveNo")}
          </button>
          <button type="button" className="button button-primary" onClick={onLeave}>
            {t("waiting.leaveYes")}
          </button>
        </div>
      )}
      {extra}
      <p className="hint">{t("waiting.writeMeanwhile")}</p>
    </>
  );
}

function ChatPanel({
  model,
  confirming,
  setConfirming,
  onEnd,
}: {
  model: YouthModel;
  confirming: boolean;
  setConfirming(on: boolean): void;
  onEnd(): void;
}) {
  const { t } = useI18n();
  return (
    <>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="end-confirm">
          <p id="end-confirm">{t("chat.endConfirm")}</p>
          <button type="button" className="button" onClick={() => setConfirming(false)} autoFocus>
            {t("chat.endNo")}
          </button>
          <button type="button" className="button button-primary" onClick={onEnd}>
            {t("chat.endYes")}
          </button>
        </div>
      )}
      <div className="conversation-tools">
        <SoundToggle />
      </div>
      {model.professionalJoined && (
        <p className="notice notice-pro" role="status">
          {t("chat.professionalJoined")}
        </p>
      )}
    </>
  );
}

/**
 * Waiting and chatting are one screen: the messages and the input stay the same elements when a
 * volunteer picks the youth up, so whoever is typing keeps the cursor, the keyboard and every
 * letter. The pickup is announced in a live region instead of moving focus.
 */
export function ConversationView({
  model,
  onLeave,
  onSend,
  onTyping,
  onEnd,
  draft,
  setDraft,
  onRetry,
  waitingExtra,
}: {
  /** Shown while waiting only (the turn-notice opt-in). */
  waitingExtra?: ReactNode;
  model: YouthModel;
  onLeave(): void;
  onSend(text: string): void;
  onTyping(typing: boolean): void;
  onEnd(): void;
  draft: string;
  setDraft(text: string): void;
  onRetry(id: string): void;
}) {
  const { t } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const chatting = model.phase === "chatting";
  const peer = model.conversation?.peer;
  const peerName = peer ? `${peer.name} (${t(`chat.role.${peer.role}`)})` : "";

  // From waiting to chatting: the heading takes focus only from someone who is not typing.
  const wasChatting = useRef(chatting);
  useEffect(() => {
    if (chatting && !wasChatting.current) {
      const active = document.activeElement;
      const typing = active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement;
      if (!typing) heading.current?.focus();
    }
    wasChatting.current = chatting;
  }, [chatting, heading]);

  return (
    <main className="step step-chat">
      <div className="chat-header">
        <h1 ref={heading} tabIndex={-1}>
          {chatting ? t("chat.with", { name: peerName }) : t("waiting.title")}
        </h1>
        {chatting && !confirmingEnd && (
          <button type="button" className="button button-quiet" onClick={() => setConfirmingEnd(true)}>
            {t("chat.end")}
          </button>
        )}
      </div>
      {/* The heading already says who it is; this line is for screen readers, announced on pickup. */}
      <p className="visually-hidden" role="status">
        {chatting && peer ? t("chat.pickedUp", { name: peerName }) : ""}
      </p>
      {chatting ? (
        <ChatPanel model={model} confirming={confirmingEnd} setConfirming={setConfirmingEnd} onEnd={onEnd} />
      ) : (
        <WaitingPanel model={model} onLeave={onLeave} extra={waitingExtra} />
      )}
      <MessageList model={model} onRetry={onRetry} />
      <p className="typing" aria-live="polite">
        {model.peerTyping && peer ? t("chat.typing", { name: peer.name }) : ""}
      </p>
      <Composer text={draft} setText={setDraft} onSend={onSend} onTyping={chatting ? onTyping : undefined} />
    </main>
  );
}
