import { useEffect, useState } from "react";
import { alarm } from "../lib/alerts";
import { ALARM_REPEAT_MS, markSeen, type RiskAttention, type RiskChat, riskAttention, type SeenRisk } from "./riskAttention";

/** Whether the page is in the background, kept current. */
export function useDocumentHidden(): boolean {
  const [hidden, setHidden] = useState(() => document.hidden);
  useEffect(() => {
    const update = () => setHidden(document.hidden);
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return hidden;
}

/**
 * Applies riskAttention: remembers which flags were on screen, and repeats the alarm every
 * ALARM_REPEAT_MS while a flagged chat waits to be opened (even when muted: the mute is for chimes).
 */
export function useRiskAttention(chats: readonly RiskChat[]): RiskAttention {
  const [seen, setSeen] = useState<SeenRisk>({});
  const current = markSeen(seen, chats);
  useEffect(() => {
    if (current !== seen) setSeen(current);
  }, [current, seen]);
  const attention = riskAttention(chats, current);
  useEffect(() => {
    if (!attention.alarm) return;
    alarm();
    const timer = setInterval(alarm, ALARM_REPEAT_MS);
    return () => clearInterval(timer);
  }, [attention.alarm]);
  return attention;
}
