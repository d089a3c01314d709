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
        <p className="pro-note">{t("intro.body3")}</p>
        <h2 className="optional-title">{t("intro.optional")}</h2>
        <label htmlFor="nickname">{t("intro.nickname")}</label>
        <input
          id="nickname"
          value={nickname}
          maxLength={LIMITS.nicknameChars}
          autoComplete="off"
          aria-describedby="nickname-hint"
          onChange={(e) => setNickname(e.target.value)}
        />
        <p id="nickname-hint" className="hint">
          {t("intro.nicknameHint")}
        </p>

        <label htmlFor="age">{t("intro.age")}</label>
        <select id="age" value={ageBand} onChange={(e) => setAgeBand(e.target.value as AgeBand | "")}>
          <option value="">{t("intro.ageNone")}</option>
          {AGE_BANDS.map((band) => (
            <option key={band} value={band}>
              {t(`age.${band}`)}
            </option>
          ))}
        </select>
        {ageBand === "under-12" && (
          <AgePointer
            lead={t("intro.under12.lead")}
            line={HELPLINES.kindertelefoon}
            chat={{ href: HELPLINES.chatKindertelefoon, label: t("intro.chatKt") }}
          />
        )}
        {ageBand === "over-25" && (
          <AgePointer lead={t("intro.over25.lead")} line={HELPLINES.mind} chat={{ href: HELPLINES.chatMind, label: t("intro.chatMind") }} />
        )}

        <label htmlFor="location">{t("intro.location")}</label>
        <select id="location" value={locationChoice} onChange={(e) => setLocationChoice(e.target.value)}>
          <option value={ANY_LOCATION}>{t("intro.locationAny")}</option>
          {status.locations.map((l) => (
            <option key={l.id} value={l.id} disabled={!l.open}>
              {l.open ? l.name : t("intro.locationClosed", { name: l.name })}
            </option>
          ))}
        </select>

        <label htmlFor="topic">{t("intro.topic")}</label>
        <select id="topic" value={topic} onChange={(e) => setTopic(e.target.value as Topic | "")}>
          <option value="">{t("intro.topicNone")}</option>
          {TOPICS.map((key) => (
            <option key={key} value={key}>
              {t(`topic.${key}`)}
            </option>
          ))}
        </select>

        <ReturnCodeEntry state={code} setState={setCode} onCheck={onCheckCode} onForget={onForgetCode} />

        <button type="submit" className="button button-primary" disabled={busy}>
          {t("intro.startWithAnswers")}
        </button>
      </form>
    </main>
  );
}
