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
import { useI18n } from "../i18n/i18n";
import { errorText } from "../lib/errorText";
import { endedText } from "./systemLine";
import { type WrapUpForm as Form, wrapUpProblems } from "./wrapUpRules";

/** The volunteer's own judgement of the highest risk in the chat, lowest first. */
const RISK_LEVELS: readonly RiskLevel[] = ["none", "concern", "high"];

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
      {todo && <WrapUpIntro todo={todo} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {walkIn && <WalkInMinutes value={form.walkInMinutes} onChange={(walkInMinutes) => setForm({ ...form, walkInMinutes })} />}
        <WrapUpFields form={form} onChange={setForm} topics={topics} walkIn={walkIn} canDebrief={canDebrief} />
        {(shown.length > 0 || error) && (
          <ul className="problems" role="alert">
            {[...shown, ...(error ? [error] : [])].map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <FormButtons onLater={onLater} />
      </form>
    </section>
  );
}

/** What the wrap-up asks: topics, referral, how it went, the volunteer's risk judgement, a debrief. */
function WrapUpFields({
  form,
  onChange,
  topics,
  walkIn,
  canDebrief,
}: {
  form: Form;
  onChange(form: Form): void;
  topics: string[];
  walkIn: boolean;
  canDebrief: boolean;
}) {
  const { t } = useI18n();
  const setForm = onChange;
  return (
    <>
      <TopicChips
        topics={topics}
        chosen={form.topics}
        autoFocusFirst={!walkIn}
        onChange={(chosenTopics) => setForm({ ...form, topics: chosenTopics })}
      />
      <RadioChips
        legend={t("console.wrapup.referral")}
        name="referral"
        options={REFERRALS.map((r) => ({ value: r as Referral, label: t(`console.wrapup.referral.${r}`) }))}
        value={form.referral}
        onChange={(referral) => setForm({ ...form, referral })}
      />
      <RadioChips
        legend={t("console.wrapup.rating")}
        name="rating"
        options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: String(n) }))}
        value={form.rating}
        onChange={(rating) => setForm({ ...form, rating })}
      />
      {!walkIn && (
        <RadioChips
          legend={t("console.wrapup.risk")}
          name="risk"
          options={RISK_LEVELS.map((level) => ({ value: level, label: t(`console.wrapup.risk.${level}`) }))}
          value={form.riskJudgement}
          onChange={(riskJudgement) => setForm({ ...form, riskJudgement })}
        />
      )}
      {canDebrief && (
        <label className="toggle">
          <input type="checkbox" checked={form.debrief} onChange={(e) => setForm({ ...form, debrief: e.target.checked })} />{" "}
          {t("console.wrapup.debrief")}
        </label>
      )}
    </>
  );
}

/** The topics a wrap-up can name, as ticks; the first takes the focus when asked. */
function TopicChips({
  topics,
  chosen,
  autoFocusFirst,
  onChange,
}: {
  topics: string[];
  chosen: Topic[];
  autoFocusFirst: boolean;
  onChange(chosen: Topic[]): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t("console.wrapup.topics")}</legend>
      <div className="chips">
        {topics.map((topic, i) => (
          <label key={topic} className="chip">
            <input
              type="checkbox"
              autoFocus={autoFocusFirst && i === 0}
              checked={chosen.includes(topic as Topic)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, topic as Topic] : chosen.filter((x) => x !== topic))}
            />
            <span>{t(`topic.${topic as Topic}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** One choice of a few, as chips in a group: arrows move inside it, Tab leaves it. */
function RadioChips<T extends string | number>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: { value: T; label: string }[];
  value: T | undefined;
  onChange(value: T): void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="chips">
        {options.map((o) => (
          <label key={o.value} className="chip">
            <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Whom and what the wrap-up is about: the youth's name, the chat's length, how it ended. */
function WrapUpIntro({ todo }: { todo: WrapUpTodoView }) {
  const { t } = useI18n();
  const name = todo.conversation.nickname ?? t("console.chat.anonymous");
  return (
    <>
      <p className="muted">{t("console.wrapup.for", { name, minutes: Math.round(todo.durationMs / 60_000) })}</p>
      {(todo.conversation.endReason || todo.conversation.endedBy) && (
        <p className="muted">{t("console.wrapup.how", { how: endedText(t, todo.conversation.endedBy, todo.conversation.endReason) })}</p>
      )}
    </>
  );
}

/** A walk-in's length in minutes; it takes the focus, being the first thing to fill in. */
function WalkInMinutes({ value, onChange }: { value: number | undefined; onChange(minutes: number | undefined): void }) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor="walkin-minutes">{t("console.wrapup.minutes")}</label>
      <input
        id="walkin-minutes"
        type="number"
        min={1}
        max={600}
        autoFocus
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
      />
    </>
  );
}

function FormButtons({ onLater }: { onLater(): void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="submit" className="button button-primary">
        {t("console.wrapup.submit")}
      </button>
      <button type="button" className="button" onClick={onLater}>
        {t("console.wrapup.later")}
      </button>
    </div>
  );
}
