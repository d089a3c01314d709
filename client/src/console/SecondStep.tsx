import { type FormEvent, useEffect, useState } from "react";
import type { EnrolmentView, ErrorCode, StaffView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/nl";
import { api } from "../lib/api";

/** The second login step: a code (or a recovery code), or enrolling an authenticator app first. */
export function SecondStep({ enrol, onLoggedIn, onExpired }: { enrol: boolean; onLoggedIn(staff: StaffView): void; onExpired(): void }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<EnrolmentView | undefined>();
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState("");
  const [failed, setFailed] = useState<MessageKey | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ staff: StaffView; recoveryCodes: string[] } | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: Once per step: onExpired is a fresh function on every render of the parent.
  useEffect(() => {
    if (!enrol) return;
    void api<EnrolmentView>("/api/auth/enrol", { method: "POST", body: {} }).then((ack) => (ack.ok ? setEnrolment(ack.data) : onExpired()));
  }, [enrol]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const typed = code.trim();
    const ack = enrol
      ? await api<{ staff: StaffView; recoveryCodes: string[] }>("/api/auth/enrol/confirm", { method: "POST", body: { code: typed } })
      : await api<StaffView>("/api/auth/second-factor", { method: "POST", body: recovery ? { recoveryCode: typed } : { code: typed } });
    setBusy(false);
    if (ack.ok) {
      if ("recoveryCodes" in ack.data) return setDone(ack.data);
      return onLoggedIn(ack.data);
    }
    setCode("");
    if (ack.code === "UNAUTHENTICATED") return onExpired();
    setFailed(failureKey(ack.code));
  };

  if (done) return <RecoveryCodes codes={done.recoveryCodes} onDone={() => onLoggedIn(done.staff)} />;

  const label = recovery ? t("twofa.recovery.label") : t("twofa.code.label");
  return (
    <>
      <h1>{enrol ? t("twofa.enrol.title") : t("twofa.code.title")}</h1>
      {enrol ? <EnrolSteps enrolment={enrolment} /> : <p>{t("twofa.code.body")}</p>}
      <form onSubmit={submit}>
        <label htmlFor="second-factor">{label}</label>
        <input
          id="second-factor"
          required
          autoFocus
          value={code}
          onChange={(e) => setCode(e.target.value)}
          {...(recovery
            ? { autoComplete: "off" }
            : { inputMode: "numeric" as const, autoComplete: "one-time-code", pattern: "\\d{6}", maxLength: 6 })}
        />
        {failed && (
          <p className="hint error" role="alert">
            {t(failed)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy || (enrol && !enrolment)}>
          {t("twofa.code.submit")}
        </button>
        {!enrol && (
          <button type="button" className="button button-quiet" onClick={() => (setRecovery(!recovery), setCode(""), setFailed(undefined))}>
            {recovery ? t("twofa.code.useApp") : t("twofa.code.useRecovery")}
          </button>
        )}
      </form>
    </>
  );
}

/** What a refused code is told as. */
function failureKey(code: ErrorCode): MessageKey {
  return code === "RATE_LIMITED"
    ? "twofa.rateLimited"
    : code === "BAD_REQUEST" || code === "BAD_CREDENTIALS"
      ? "twofa.wrong"
      : "error.generic";
}

/** Enrolling: the app, the QR code (and the key to type in), the first code. */
function EnrolSteps({ enrolment }: { enrolment: EnrolmentView | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t("twofa.enrol.body")}</p>
      <ol className="enrol-steps">
        <li>{t("twofa.enrol.step1")}</li>
        <li>
          {t("twofa.enrol.step2")}
          {enrolment && <img className="enrol-qr" src={enrolment.qr} alt={t("twofa.enrol.qrAlt")} width={200} height={200} />}
          <span className="hint">{t("twofa.enrol.manual")}</span> <code data-testid="totp-secret">{enrolment?.secret}</code>
        </li>
        <li>{t("twofa.enrol.step3")}</li>
      </ol>
    </>
  );
}

/** The ten one-time recovery codes, shown once after enrolling. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t("twofa.recoveryCodes.title")}</h1>
      <p>{t("twofa.recoveryCodes.body")}</p>
      <ol className="recovery-codes" aria-label={t("twofa.recoveryCodes.title")}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button type="button" className="button button-primary" onClick={onDone} autoFocus>
        {t("twofa.recoveryCodes.done")}
      </button>
    </section>
  );
}
