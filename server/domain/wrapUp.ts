/** The short registration after a chat or a walk-in. */
import type { Referral } from "../../shared/protocol";
import type { Millis } from "./clock";

/** The volunteer's short registration after a chat or a walk-in. Anonymous: no youth detail. */
export interface WrapUp {
  id: string;
  kind: "chat" | "walk-in";
  staffId: string;
  locationId: string;
  conversationId?: string;
  topics: string[];
  referral: Referral;
  rating: number;
  debrief: boolean;
  durationMs: number;
  transfers: number;
  escalations: number;
  /** The volunteer's judgement of the highest risk in the chat (absent: not given). */
  riskJudgement?: "none" | "concern" | "high";
  at: Millis;
}
