import type { Referral, RiskLevel, Topic } from "../../../shared/protocol";

export interface WrapUpForm {
  topics: Topic[];
  referral?: Referral;
  rating?: number;
  debrief: boolean;
  walkInMinutes?: number;
  /** The volunteer's own judgement of the highest risk in the chat (chats only). */
  riskJudgement?: RiskLevel;
}

export type WrapUpProblem = "referral" | "rating" | "minutes" | "risk";

/** What is still missing before a wrap-up can be filed; topics may be empty ("none of these"). */
export function wrapUpProblems(form: WrapUpForm, walkIn: boolean): WrapUpProblem[] {
  const problems: WrapUpProblem[] = [];
  if (!form.referral) problems.push("referral");
  if (!form.rating || form.rating < 1 || form.rating > 5) problems.push("rating");
  if (walkIn && !(form.walkInMinutes && form.walkInMinutes >= 1 && form.walkInMinutes <= 600)) problems.push("minutes");
  if (!walkIn && !form.riskJudgement) problems.push("risk");
  return problems;
}
