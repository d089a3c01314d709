import { type KeyboardEvent, useRef, useState } from "react";
import { LIMITS, type LocationView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { matchSnippets } from "./snippetMatch";

const TYPING_IDLE_MS = 3000;
/** From here the volunteer sees how many characters are left before the limit. */
const COUNT_FROM = 1800;
const DRAFT_PREFIX = "inloop.console.draft.";

/** Half-typed replies survive a reload, per chat, in this tab only. */
const drafts = {
  get: (conversationId: string) => sessionStorage.getItem(DRAFT_PREFIX + conversationId) ?? "",
  set: (conversationId: string, text: string) =>
    text ? sessionStorage.setItem(DRAFT_PREFIX + conversationId, text) : sessionStorage.removeItem(DRAFT_PREFIX + conversationId),
};

/** At logout every draft goes: the next person at this computer finds none. */
export function clearConsoleDrafts(): void {
  const keys: string[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (key?.startsWith(DRAFT_PREFIX)) keys.push(key);
  }
  for (const key of keys) sessionStorage.removeItem(key);
}

export interface SnippetComposerProps {
  /** The chat this input belongs to: its draft is kept per chat. */
  conversationId: string;
  location?: LocationView;
  onSend(text: string, staffOnly: boolean): void;
  onTyping(typing: boolean): void;
}

/**
 * The volunteer's input: Enter sends, Shift+Enter is a new line; "/" and a few letters offer the
 * location's canned responses (arrows to choose, Enter or Tab to insert, Escape to close).
 */
export function SnippetComposer({ conversationId, location, onSend, onTyping }: SnippetComposerProps) {
  const { t, lang } = useI18n();
  const [text, setTextState] = useState(() => drafts.get(conversationId));
  const setText = (next: string) => {
    setTextState(next);
    drafts.set(conversationId, next);
  };
  const over = text.trim().length - LIMITS.messageChars;
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
    if (matches.length > 0 && snippetKey(e, matches, highlight, { setHighlight, insert, dismiss: () => setDismissed(true) })) return;
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
      {matches.length > 0 && <SnippetList matches={matches} highlight={highlight} onInsert={insert} />}
      <label htmlFor="console-message" className="visually-hidden">
        {t("console.chat.placeholder")}
      </label>
      <textarea
        id="console-message"
        rows={2}
        value={text}
        placeholder={t("console.chat.placeholder")}
        aria-autocomplete="list"
        aria-describedby={text.length >= COUNT_FROM ? "console-message-count" : undefined}
        aria-invalid={over > 0}
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
      <ComposerActions text={text} staffOnly={staffOnly} onStaffOnly={setStaffOnly} />
    </form>
  );
}

/** Under the input: the whisper switch, the characters left near the limit, the send button. */
function ComposerActions({ text, staffOnly, onStaffOnly }: { text: string; staffOnly: boolean; onStaffOnly(value: boolean): void }) {
  const { t } = useI18n();
  const over = text.trim().length - LIMITS.messageChars;
  return (
    <div className="composer-actions">
      <label className="toggle">
        <input type="checkbox" checked={staffOnly} onChange={(e) => onStaffOnly(e.target.checked)} /> {t("console.chat.whisper")}
      </label>
      {text.length >= COUNT_FROM && <MessageCount text={text} />}
      <button type="submit" className="button button-primary" disabled={!text.trim() || over > 0}>
        {t("console.chat.send")}
      </button>
    </div>
  );
}

type Snippet = LocationView["snippets"][number];

/** The snippet list's keys: arrows move, Enter or Tab inserts, Escape closes. Says whether the key was one of them. */
function snippetKey(
  e: KeyboardEvent<HTMLTextAreaElement>,
  matches: Snippet[],
  highlight: number,
  to: { setHighlight(update: (h: number) => number): void; insert(text: string): void; dismiss(): void },
): boolean {
  if (e.key === "ArrowDown" || e.key === "ArrowUp") {
    e.preventDefault();
    to.setHighlight((h) => (h + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    return true;
  }
  if (e.key === "Enter" || e.key === "Tab") {
    e.preventDefault();
    to.insert(matches[Math.min(highlight, matches.length - 1)]!.text);
    return true;
  }
  if (e.key === "Escape") {
    e.preventDefault();
    to.dismiss();
    return true;
  }
  return false;
}

/** The canned responses that match what follows "/", the highlighted one marked. */
function SnippetList({ matches, highlight, onInsert }: { matches: Snippet[]; highlight: number; onInsert(text: string): void }) {
  const { t } = useI18n();
  return (
    <ul className="snippets" role="listbox" aria-label={t("console.chat.snippets")}>
      {matches.map((s, i) => (
        <li
          key={`${s.lang}-${s.key}`}
          role="option"
          aria-selected={i === highlight}
          className={i === highlight ? "active" : undefined}
          onMouseDown={(e) => (e.preventDefault(), onInsert(s.text))}
        >
          <strong>/{s.key}</strong> <span className="muted">({s.lang})</span> {s.text}
        </li>
      ))}
    </ul>
  );
}

/** Characters left before the limit, or how far over it the text is. */
function MessageCount({ text }: { text: string }) {
  const { t } = useI18n();
  const over = text.trim().length - LIMITS.messageChars;
  return (
    <span id="console-message-count" className={over > 0 ? "count error" : "count"} role={over > 0 ? "alert" : undefined}>
      {over > 0
        ? t("console.composer.tooLong", { max: LIMITS.messageChars, over })
        : t("console.composer.count", { n: text.trim().length, max: LIMITS.messageChars })}
    </span>
  );
}
