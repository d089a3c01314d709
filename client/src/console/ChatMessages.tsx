import { useEffect, useRef } from "react";
import type { MessageView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { ChatState } from "./chatState";
import { systemLineText } from "./systemLine";

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

/** The chat's messages and transcript lines, following the newest. */
export function ChatLog({ chat }: { chat: ChatState }) {
  const { t } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the newest line (a message or the typing line)
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [chat.messages.length, chat.youthTyping]);
  return (
    // Focusable, so the conversation can be scrolled back with the keyboard.
    <div className="messages" role="log" aria-live="polite" aria-label={t("chat.log")} tabIndex={0}>
      {chat.messages.map((m) => (
        <Message key={m.seq} m={m} youthDeliveredSeq={chat.view.youthDeliveredSeq} nickname={chat.view.nickname} />
      ))}
      <div ref={end} />
    </div>
  );
}
