import { type FormEvent, useState } from "react";
import {
  type Ack,
  AGE_BANDS,
  type AgeBand,
  ANY_LOCATION,
  LIMITS,
  type ReturnCodeCheckView,
  type ServiceStatus,
  TOPICS,
  type Topic,
} from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { HELPLINES } from "./helplines";
import { afterCheck, emptyReturnCodeEntry, ReturnCodeEntry, type ReturnCodeEntryState } from "./ReturnCodeEntry";
import { useStepFocus } from "./useStepFocus";
import type { JoinForm, JoinOutcome } from "./youthActions";

/** Under 12 or over 25: where else to go, as links to call or chat; staying is fine too. */
function AgePointer({ lead, line, chat }: { lead: string; line: { tel: string; label: string }; chat: { href: string; label: string } }) {
  const { t } = useI18n();
  return (
    <div className="kind-pointer" role="note">
      <p>{lead}</p>
      <p className="line-numbers">
        <a className="button button-tel" href={`tel:${line.tel}`}>
          {t("intro.call", { number: line.label })}
        </a>
        <a className="button button-tel" href={chat.href} target="_blank" rel="noopener noreferrer">
          {chat.label}
        </a>
      </p>
      <p>{t("intro.pointer.stay")}</p>
    </div>
  );
}

/** The warm start: what Inloop is, four optional questions, and a return code for who has one. Nothing here is required. */
export function IntroView({
  status,
  onStart,
  onCheckCode,
  onForgetCode,
}: {
  status: ServiceStatus;
  onStart(form: JoinForm): Promise<JoinOutcome>;
  onCheckCode(code: string): Promise<Ack<ReturnCodeCheckView> | undefined>;
  onForgetCode(code: string): Promise<boolean>;
}) {
  const { t } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  const [nickname, setNickname] = useState("");
  const [ageBand, setAgeBand] = useState<AgeBand | "">("");
  const [topic, setTopic] = useState<Topic | "">("");
  const [locationChoice, setLocationChoice] = useState(ANY_LOCATION);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<ReturnCodeEntryState>(emptyReturnCodeEntry);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // A code typed but not checked yet: check it first, so the youth hears who is here and can decide about the note.
    if (code.text.trim() && !code.check) {
      setCode(afterCheck(code, await onCheckCode(code.text)));
      setBusy(false);
      return;
    }
    const returnCode = code.check && { code: code.text, shareNote: code.shareNote === true, check: code.check };
    const outcome = await onStart({
      locationChoice,
      nickname,
      ...(ageBand && { ageBand }),
      ...(topic && { topic }),
      ...(returnCode && { returnCode }),
    });
    if (outcome === "returnCodeUnknown") setCode({ text: code.text, problem: "unknown" });
    if (outcome === "returnCodeSlowDown") setCode({ text: code.text, problem: "slowDown" });
    if (outcome !== "joined") setBusy(false);
  };

  return (
    <main className="step">
      <h1 ref={heading} tabIndex={-1}>
        {t("intro.title")}
      </h1>
      {/* The first screen of a phone: the promise, the 24/7 strip above, and the start button. */}
      <p className="lead">{t("intro.promise")}</p>
      <form onSubmit={submit} className="intro-form">
        <button type="submit" className="button button-primary start-now" disabled={busy}>
          {t("intro.start")}
        </button>
        <p>{t("intro.body2")}</p>
        <p className="professional-note">{t("intro.body3")}</p>
        <h2 className="optional-title">{t("intro.optional")}</h2>
        <NicknameField value={nickname} onChange={setNickname} />
        <AgeField value={ageBand} onChange={setAgeBand} />
        <LocationField status={status} value={locationChoice} onChange={setLocationChoice} />
        <TopicField value={topic} onChange={setTopic} />

        <ReturnCodeEntry state={code} setState={setCode} onCheck={onCheckCode} onForget={onForgetCode} />

        <button type="submit" className="button button-primary" disabled={busy}>
          {t("intro.startWithAnswers")}
        </button>
      </form>
    </main>
  );
}

/** A name to be called by, any name at all. */
function NicknameField({ value, onChange }: { value: string; onChange(nickname: string): void }) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor="nickname">{t("intro.nickname")}</label>
      <input
        id="nickname"
        value={value}
        maxLength={LIMITS.nicknameChars}
        autoComplete="off"
        aria-describedby="nickname-hint"
        onChange={(e) => onChange(e.target.value)}
      />
      <p id="nickname-hint" className="hint">
        {t("intro.nicknameHint")}
      </p>
    </>
  );
}

/** The age band; under 12 or over 25 also shows where else to go. */
function AgeField({ value, onChange }: { value: AgeBand | ""; onChange(ageBand: AgeBand | ""): void }) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor="age">{t("intro.age")}</label>
      <select id="age" value={value} onChange={(e) => onChange(e.target.value as AgeBand | "")}>
        <option value="">{t("intro.ageNone")}</option>
        {AGE_BANDS.map((band) => (
          <option key={band} value={band}>
            {t(`age.${band}`)}
          </option>
        ))}
      </select>
      {value === "under-12" && (
        <AgePointer
          lead={t("intro.under12.lead")}
          line={HELPLINES.kindertelefoon}
          chat={{ href: HELPLINES.chatKindertelefoon, label: t("intro.chatKt") }}
        />
      )}
      {value === "over-25" && (
        <AgePointer lead={t("intro.over25.lead")} line={HELPLINES.mind} chat={{ href: HELPLINES.chatMind, label: t("intro.chatMind") }} />
      )}
    </>
  );
}

/** Which location to chat with, or any; closed ones are shown but cannot be chosen. */
function LocationField({ status, value, onChange }: { status: ServiceStatus; value: string; onChange(locationChoice: string): void }) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor="location">{t("intro.location")}</label>
      <select id="location" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={ANY_LOCATION}>{t("intro.locationAny")}</option>
        {status.locations.map((l) => (
          <option key={l.id} value={l.id} disabled={!l.open}>
            {l.open ? l.name : t("intro.locationClosed", { name: l.name })}
          </option>
        ))}
      </select>
    </>
  );
}

/** What it is about, if they want to say. */
function TopicField({ value, onChange }: { value: Topic | ""; onChange(topic: Topic | ""): void }) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor="topic">{t("intro.topic")}</label>
      <select id="topic" value={value} onChange={(e) => onChange(e.target.value as Topic | "")}>
        <option value="">{t("intro.topicNone")}</option>
        {TOPICS.map((key) => (
          <option key={key} value={key}>
            {t(`topic.${key}`)}
          </option>
        ))}
      </select>
    </>
  );
}
