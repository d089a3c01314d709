import { useRef, useState, type KeyboardEvent } from "react";
import { LIMITS, type LocationView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { matchSnippets } from "./state";

const TYPING_IDLE_MS = 3000;

/**
 * The volunteer's input: Enter sends, Shift+Enter is a new line; "/" and a few letters offer the
 * location's canned responses (arrows to choose, Enter or Tab to insert, Escape to close).
 */
export function SnippetComposer({
  location,
  onSend,
  onTyping,
}: {
  location?: LocationView;
  onSend(text: string, staffOnly: boolean): void;
  onTyping(typing: boolean): void;
}) {
  const { t, lang } = useI18n();
  const [text, setText] = useState("");
  const [staffOnly, setStaffOnly] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);
  const matches = dismissed ? [] : matchSnippets(location, text, lang);

  const setTyping = (value: boolean) => {
    if (typing.current === value || staffOnly) return;
    typing.current = value;
    onTyping(value);
  };
  const insert = (snippet: string) => {
    setText(snippet);
    setHighlight(0);
  };
  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > LIMITS.messageChars) return;
    onSend(trimmed, staffOnly);
    setText("");
    clearTimeout(typingTimer.current);
    setTyping(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (matches.length > 0) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        setHighlight((h) => (h + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
        return;
      }
      if (e.key === "Enter" || e.key === "Tab") {
        e.preventDefault();
        insert(matches[Math.min(highlight, matches.length - 1)]!.text);
        return;
      }
      if (e.key === "Escape") {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  return (
    <form
      className={`composer console-composer${staffOnly ? " staff-only" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {matches.length > 0 && (
        <ul className="snippets" role="listbox" aria-label={t("console.chat.snippets")}>
          {matches.map((s, i) => (
            <li key={`${s.lang}-${s.key}`} role="option" aria-selected={i === highlight} className={i === highlight ? "active" : undefined} onMouseDown={(e) => (e.preventDefault(), insert(s.text))}>
              <strong>/{s.key}</strong> <span className="muted">({s.lang})</span> {s.text}
            </li>
          ))}
        </ul>
      )}
      <label htmlFor="console-message" className="visually-hidden">
        {t("console.chat.placeholder")}
      </label>
      <textarea
        id="console-message"
        rows={2}
        value={text}
        placeholder={t("console.chat.placeholder")}
        aria-autocomplete="list"
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setText(e.target.value);
          setDismissed(false);
          setHighlight(0);
          setTyping(true);
          clearTimeout(typingTimer.current);
          typingTimer.current = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
        }}
      />
      <div className="composer-actions">
        <label className="toggle">
          <input type="checkbox" checked={staffOnly} onChange={(e) => setStaffOnly(e.target.checked)} /> {t("console.chat.whisper")}
        </label>
        <button type="submit" className="button button-primary" disabled={!text.trim()}>
          {t("console.chat.send")}
        </button>
      </div>
    </form>
  );
}
