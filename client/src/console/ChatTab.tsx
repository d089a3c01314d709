import { useI18n } from "../i18n/i18n";
import type { ChatState } from "./chatState";
import { RiskMarker } from "./RiskParts";

/**
 * One held chat's tab: the youth's name, "ended" once it is, unread messages, and the risk marker
 * while a high risk flag in it is not on screen. `alerting`: a risk flag at all (the professional's tabs).
 */
export function ChatTab({
  chat,
  selected,
  marked,
  alerting = false,
  onFocus,
}: {
  chat: ChatState;
  selected: boolean;
  marked: boolean;
  alerting?: boolean;
  onFocus(): void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      className={`tab${alerting ? " alerting" : ""}${marked ? " tab-risk" : ""}`}
      onClick={onFocus}
    >
      {marked && <RiskMarker />}
      {chat.view.nickname ?? t("console.chat.anonymous")}
      {chat.closed && ` · ${t("console.closed.ended")}`}
      {chat.unread > 0 && <span className="badge">{chat.unread}</span>}
    </button>
  );
}
