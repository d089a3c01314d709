import { useState } from "react";
import { type DebriefMessageView, LIMITS } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";

/** The private thread of one debrief and a line to write in it. */
export function DebriefThread({
  id,
  messages,
  onSend,
}: {
  id: string;
  messages: readonly DebriefMessageView[];
  onSend(text: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  return (
    <>
      <ul className="debrief-thread" aria-live="polite">
        {messages.map((m) => (
          <li key={m.seq}>
            <strong>{m.sender.name}:</strong> {m.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const value = text.trim();
          if (!value) return;
          void onSend(value).then((sent) => sent && setText(""));
        }}
      >
        <label htmlFor={`debrief-text-${id}`}>{t("reach.debrief.message")}</label>
        <textarea
          id={`debrief-text-${id}`}
          rows={2}
          maxLength={LIMITS.messageChars}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button">
          {t("reach.debrief.send")}
        </button>
      </form>
    </>
  );
}
