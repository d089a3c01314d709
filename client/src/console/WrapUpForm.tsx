import { useState } from "react";
import {
  type Ack,
  REFERRALS,
  type Referral,
  type RequestOf,
  type Responses,
  type RiskLevel,
  type Topic,
  type WrapUpTodoView,
} from "../../../shared/protocol";

/** The volunteer's own judgement of the highest risk in the chat, lowest first. */
const RISK_LEVELS: readonly RiskLevel[] = ["none", "concern", "high"];

import { useI18n } from "../i18n/i18n";
import { errorText } from "../lib/errorText";
import { endedText } from "./systemLine";
import { type WrapUpForm as Form, wrapUpProblems } from "./wrapUpRules";

/**
 * The short registration after a chat (or a walk-in): topics, referral, how it went, debrief.
 * Made to take under thirty seconds with the keyboard: Tab between groups, arrows inside them.
 */
export function WrapUpForm({
  todo,
  topics,
  onSubmit,
  onLater,
  canDebrief = true,
}: {
  todo?: WrapUpTodoView;
  /** Volunteers may ask the professional for a debrief; a professional does not ask herself. */
  canDebrief?: boolean;
  topics: string[];
  onSubmit(request: RequestOf<"wrapup:submit">): Promise<Ack<Responses["wrapup:submit"]>>;
  onLater(): void;
}) {
  const { t } = useI18n();
  const walkIn = !todo;
  // The topic the youth chose themselves is ticked already; the volunteer may untick it.
  const chosen = todo?.conversation.topic;
  const [form, setForm] = useState<Form>({ topics: chosen && topics.includes(chosen) ? [chosen] : [], debrief: false });
  const [shown, setShown] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const name = todo?.conversation.nickname ?? t("console.chat.anonymous");

  const submit = async () => {
    const problems = wrapUpProblems(form, walkIn);
    setShown(problems.map((p) => t(`console.wrapup.missing.${p}`)));
    if (problems.length) return;
    const ack = await onSubmit({
      ...(todo ? { conversationId: todo.conversation.id } : { walkInMinutes: form.walkInMinutes! }),
      topics: form.topics,
      referral: form.referral!,
      rating: form.rating!,
      debrief: form.debrief,
      ...(!walkIn && form.riskJudgement && { riskJudgement: form.riskJudgement }),
    });
    if (!ack.ok) setError(errorText(t, ack));
  };

  return (
    <section className="panel wrapup" aria-labelledby="wrapup-title">
      <h2 id="wrapup-title">{walkIn ? t("console.wrapup.walkInTitle") : t("console.wrapup.title")}</h2>
      {todo && <p className="muted">{t("console.wrapup.for", { name, minutes: Math.round(todo.durationMs / 60_000) })}</p>}
      {todo && (todo.conversation.endReason || todo.conversation.endedBy) && (
        <p className="muted">{t("console.wrapup.how", { how: endedText(t, todo.conversation.endedBy, todo.conversation.endReason) })}</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {walkIn && (
          <>
            <label htmlFor="walkin-minutes">{t("console.wrapup.minutes")}</label>
            <input
              id="walkin-minutes"
              type="number"
              min={1}
              max={600}
              autoFocus
              value={form.walkInMinutes ?? ""}
              onChange={(e) => setForm({ ...form, walkInMinutes: e.target.value ? Number(e.target.value) : undefined })}
            />
          </>
        )}
        <fieldset>
          <legend>{t("console.wrapup.topics")}</legend>
          <div className="chips">
            {topics.map((topic, i) => (
              <label key={topic} className="chip">
                <input
                  type="checkbox"
                  autoFocus={!walkIn && i === 0}
                  checked={form.topics.includes(topic as Topic)}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      topics: e.target.checked ? [...form.topics, topic as Topic] : form.topics.filter((x) => x !== topic),
                    })
                  }
                />
                <span>{t(`topic.${topic as Topic}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("console.wrapup.referral")}</legend>
          <div className="chips">
            {REFERRALS.map((r) => (
              <label key={r} className="chip">
                <input
                  type="radio"
                  name="referral"
                  checked={form.referral === r}
                  onChange={() => setForm({ ...form, referral: r as Referral })}
                />
                <span>{t(`console.wrapup.referral.${r}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("console.wrapup.rating")}</legend>
          <div className="chips">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="chip">
                <input type="radio" name="rating" checked={form.rating === n} onChange={() => setForm({ ...form, rating: n })} />
                <span>{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {!walkIn && (
          <fieldset>
            <legend>{t("console.wrapup.risk")}</legend>
            <div className="chips">
              {RISK_LEVELS.map((level) => (
                <label key={level} className="chip">
                  <input
                    type="radio"
                    name="risk"
                    checked={form.riskJudgement === level}
                    onChange={() => setForm({ ...form, riskJudgement: level })}
                  />
                  <span>{t(`console.wrapup.risk.${level}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {canDebrief && (
          <label className="toggle">
            <input type="checkbox" checked={form.debrief} onChange={(e) => setForm({ ...form, debrief: e.target.checked })} />{" "}
            {t("console.wrapup.debrief")}
          </label>
        )}
        {(shown.length > 0 || error) && (
          <ul className="problems" role="alert">
            {[...shown, ...(error ? [error] : [])].map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary">
            {t("console.wrapup.submit")}
          </button>
          <button type="button" className="button" onClick={onLater}>
            {t("console.wrapup.later")}
          </button>
        </div>
      </form>
    </section>
  );
}
