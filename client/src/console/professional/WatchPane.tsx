import { useEffect, useRef, useState } from "react";
import type { MessageView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { SystemLine } from "../ChatMessages";
import type { Actions, Report } from "./actions";
import type { WatchedChat } from "./state";

/** A chat she reads along with (whispers go to the volunteer) or has joined (messages go to the youth). */
export function WatchPane({ watched, actions, report }: { watched: WatchedChat; actions: Actions; report: Report }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  const c = watched.conversation;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves to the heading when another chat is shown.
  useEffect(() => {
    heading.current?.focus();
  }, [c.id]);
  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const payload = { conversationId: c.id, id: crypto.randomUUID(), text: trimmed };
    if (report(watched.joined ? await actions.send("message:send", payload) : await actions.send("whisper:send", payload))) setText("");
  };
  return (
    <article className="chat" aria-labelledby="watch-title">
      <header className="chat-info">
        <h2 id="watch-title" ref={heading} tabIndex={-1}>
          {t("professional.reading", { name: c.nickname ?? t("console.chat.anonymous") })}
        </h2>
        <p className="muted">{watched.joined ? t("professional.joinedHint") : t("professional.readingHint")}</p>
        <WatchTools watched={watched} actions={actions} report={report} />
      </header>
      <div className="messages professional-messages" role="log" aria-live="polite">
        {watched.messages.map((m) => (m.system ? <SystemLine key={m.seq} m={m} /> : <WatchedMessage key={m.seq} m={m} />))}
      </div>
      <form
        className="composer console-composer"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor="professional-message">{watched.joined ? t("professional.toYouth") : t("professional.toVolunteer")}</label>
        <textarea
          id="professional-message"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              void send();
            }
          }}
        />
        <div className="composer-actions">
          <span />
          <button type="submit" className="button button-primary" disabled={!text.trim() || c.status !== "active"}>
            {t("console.chat.send")}
          </button>
        </div>
      </form>
    </article>
  );
}

/** Join the chat (reading along), take it over (joined), or close it. */
function WatchTools({ watched, actions, report }: { watched: WatchedChat; actions: Actions; report: Report }) {
  const { t } = useI18n();
  const c = watched.conversation;
  return (
    <div className="tools">
      {!watched.joined && c.status === "active" && (
        <button type="button" className="button button-primary" onClick={() => void actions.join(c.id).then(report)}>
          {t("professional.join")}
        </button>
      )}
      {watched.joined && c.status === "active" && (
        <button type="button" className="button" onClick={() => void actions.takeOver(c.id).then(report)}>
          {t("professional.takeOver")}
        </button>
      )}
      <button type="button" className="button" onClick={() => actions.closeWatched(c.id)}>
        {t("console.close")}
      </button>
    </div>
  );
}

/** A message of a followed chat: the youth stays anonymous here, staff are named with their role. */
function WatchedMessage({ m }: { m: MessageView }) {
  const { t } = useI18n();
  return (
    <div className={`message ${m.sender.role === "youth" ? "theirs" : "mine"}${m.visibility === "staff" ? " whisper" : ""}`}>
      <span className="sender">
        {m.sender.role === "youth" ? t("console.chat.anonymous") : `${m.sender.name} (${t(`console.role.${m.sender.role}`)})`}
        {m.visibility === "staff" && ` · ${t("console.chat.whisper")}`}
      </span>
      <p className="text">{m.text}</p>
    </div>
  );
}
