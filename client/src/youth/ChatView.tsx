import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { Composer } from "./Composer";
import type { YouthModel } from "./machine";
import { MessageList } from "./MessageList";
import { useStepFocus } from "./useStepFocus";

export function ChatView({
  model,
  onSend,
  onTyping,
  onEnd,
  draft,
  setDraft,
  onRetry,
}: {
  onRetry(id: string): void;
  draft: string;
  setDraft(text: string): void;
  model: YouthModel;
  onSend(text: string): void;
  onTyping(typing: boolean): void;
  onEnd(): void;
}) {
  const { t } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  const [confirming, setConfirming] = useState(false);
  const peer = model.conversation?.peer;
  const peerName = peer ? `${peer.name} (${t(`chat.role.${peer.role}`)})` : "";
  return (
    <main className="step step-chat">
      <div className="chat-header">
        <h1 ref={heading} tabIndex={-1}>
          {t("chat.with", { name: peerName })}
        </h1>
        {!confirming && (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
            {t("chat.end")}
          </button>
        )}
      </div>
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
      {model.professionalJoined && (
        <p className="notice notice-pro" role="status">
          {t("chat.professionalJoined")}
        </p>
      )}
      {peer && (
        <p className="joined" role="status">
          {t("chat.joined", { name: peerName })}
        </p>
      )}
      <MessageList model={model} onRetry={onRetry} />
      <p className="typing" aria-live="polite">
        {model.peerTyping && peer ? t("chat.typing", { name: peer.name }) : ""}
      </p>
      <Composer text={draft} setText={setDraft} onSend={onSend} onTyping={onTyping} />
    </main>
  );
}
