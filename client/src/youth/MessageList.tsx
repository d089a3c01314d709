import { useEffect, useRef, useState } from "react";
import type { MessageView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { deliveryOf } from "./chatMessages";
import { splitLinks } from "./links";
import type { PendingMessage, YouthModel } from "./machine";

/** A staff link: first a question, then a real link that opens in a new tab. */
function GuardedLink({ url }: { url: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="link-button" onClick={() => setAsking(true)}>
        {url}
      </button>
    );
  }
  return (
    <span className="link-confirm" role="group" aria-label={t("chat.linkConfirm", { url })}>
      <span>{t("chat.linkConfirm", { url })}</span>
      <a className="button" href={url} target="_blank" rel="noopener noreferrer" onClick={() => setAsking(false)}>
        {t("chat.linkOpen")}
      </a>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {t("chat.linkCancel")}
      </button>
    </span>
  );
}

function Body({ message }: { message: MessageView }) {
  if (message.sender.role === "youth") return <>{message.text}</>;
  // The parts of one message never change order or number: their place is their identity.
  const parts = splitLinks(message.text).map((part, i) => ({ ...part, at: i }));
  return <>{parts.map((part) => (part.url ? <GuardedLink key={part.at} url={part.url} /> : <span key={part.at}>{part.text}</span>))}</>;
}

/** The conversation as a log: new messages are announced politely to screen readers. */
export function MessageList({ model, onRetry }: { model: YouthModel; onRetry?(id: string): void }) {
  const { t } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  const count = model.messages.length + model.pending.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when a message or the typing line arrives, which these say
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
  }, [count, model.peerTyping]);

  const roleLabel = (m: MessageView) =>
    m.sender.role === "youth" ? t("chat.you") : `${m.sender.name ?? ""} (${t(`chat.role.${m.sender.role}`)})`;
  const pendingLabel = (p: PendingMessage) => (p.failed ? t("chat.failed") : t("chat.sending"));

  // Only what the other side says is announced; one's own words are not read back.
  const latestPeer = [...model.messages].reverse().find((m) => m.sender.role !== "youth");
  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {latestPeer ? `${roleLabel(latestPeer)}: ${latestPeer.text}` : ""}
      </p>
      {/* Focusable, so keyboard users can scroll back through a long conversation. */}
      <div className="messages" role="log" aria-live="off" aria-label={t("chat.log")} tabIndex={0}>
        {model.messages.map((m) => (
          <div key={m.id} className={`message ${m.sender.role === "youth" ? "mine" : `theirs role-${m.sender.role}`}`}>
            <span className="sender">{roleLabel(m)}</span>
            <p className="text">
              <Body message={m} />
            </p>
            {m.sender.role === "youth" && (
              <span className="state">{t(deliveryOf(model, m) === "delivered" ? "chat.delivered" : "chat.sent")}</span>
            )}
          </div>
        ))}
        {model.pending.map((p) => (
          <div key={p.id} className="message mine pending">
            <span className="sender">{t("chat.you")}</span>
            <p className="text">{p.text}</p>
            <span className="state">{pendingLabel(p)}</span>
            {p.failed && onRetry && model.conversation?.status !== "ended" && (
              <button type="button" className="link-button" onClick={() => onRetry(p.id)}>
                {t("chat.retry")}
              </button>
            )}
          </div>
        ))}
        <div ref={end} />
      </div>
    </>
  );
}
