import { type KeyboardEvent, useEffect, useRef } from "react";
import { LIMITS } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";

const TYPING_IDLE_MS = 3000;

export interface ComposerProps {
  text: string;
  setText(text: string): void;
  onSend(text: string): void;
  onTyping?(typing: boolean): void;
}

/** Auto-growing input: Enter sends, Shift+Enter is a new line; tells the peer when typing starts and stops. */
export function Composer({ text, setText, onSend, onTyping }: ComposerProps) {
  const { t } = useI18n();
  const area = useRef<HTMLTextAreaElement>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typing = useRef(false);
  const tooLong = text.length > LIMITS.messageChars;

  const setTyping = (value: boolean) => {
    if (typing.current === value) return;
    typing.current = value;
    onTyping?.(value);
  };

  const grow = () => {
    const el = area.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  };
  // A draft carried over from the waiting step (or a reload) gets its height back.
  useEffect(grow, []);

  const send = () => {
    const trimmed = text.trim();
    if (!trimmed || tooLong) return;
    onSend(trimmed);
    setText("");
    clearTimeout(typingTimer.current);
    setTyping(false);
    requestAnimationFrame(grow);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="message" className="visually-hidden">
        {t("chat.inputLabel")}
      </label>
      <textarea
        id="message"
        ref={area}
        rows={1}
        value={text}
        placeholder={t("chat.placeholder")}
        aria-describedby="send-hint"
        aria-invalid={tooLong}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setText(e.target.value);
          grow();
          setTyping(true);
          clearTimeout(typingTimer.current);
          typingTimer.current = setTimeout(() => setTyping(false), TYPING_IDLE_MS);
        }}
      />
      <button type="submit" className="button button-primary" disabled={!text.trim() || tooLong}>
        {t("chat.send")}
      </button>
      <p id="send-hint" className={tooLong ? "hint error" : "visually-hidden"}>
        {tooLong ? t("chat.tooLong", { max: LIMITS.messageChars }) : t("chat.sendHint")}
      </p>
    </form>
  );
}
