import { type FormEvent, useEffect, useState } from "react";
import type { StaffView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/nl";
import { api } from "../lib/api";
import { SecondStep } from "./SecondStep";

type Step = { kind: "password" } | { kind: "code" } | { kind: "enrol" };

/**
 * Staff log in with e-mail and password, then (coordinators and professionals always, volunteers
 * where their location asks) a code from an authenticator app, enrolling it the first time. The
 * server answers with an HttpOnly session cookie; between the steps it is a pending one.
 */
export function LoginView({ onLoggedIn }: { onLoggedIn(staff: StaffView): void }) {
  const { t, lang, setLang } = useI18n();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [problem, setProblem] = useState<MessageKey | undefined>();
  // After a reload in the middle of a login, or straight after accepting an invite.
  useEffect(() => {
    void api<{ pending: "code" | "enrol" | null }>("/api/auth/pending").then((ack) => {
      if (ack.ok && ack.data.pending) setStep({ kind: ack.data.pending });
    });
  }, []);
  const restart = (why: MessageKey) => {
    setProblem(why);
    setStep({ kind: "password" });
  };
  return (
    <main className="login">
      <button type="button" className="button button-quiet lang" onClick={() => setLang(lang === "nl" ? "en" : "nl")}>
        {t("lang.switch")}
      </button>
      {step.kind === "password" ? (
        <PasswordStep problem={problem} onLoggedIn={onLoggedIn} onNext={(next) => setStep({ kind: next })} />
      ) : (
        <SecondStep enrol={step.kind === "enrol"} onLoggedIn={onLoggedIn} onExpired={() => restart("twofa.expired")} />
      )}
    </main>
  );
}

function PasswordStep({
  problem,
  onLoggedIn,
  onNext,
}: {
  problem?: MessageKey;
  onLoggedIn(staff: StaffView): void;
  onNext(next: "code" | "enrol"): void;
}) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failed, setFailed] = useState<MessageKey | undefined>(problem);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const ack = await api<StaffView | { next: "code" | "enrol" }>("/api/auth/login", { method: "POST", body: { email, password } });
    setBusy(false);
    if (!ack.ok) return setFailed(ack.code === "RATE_LIMITED" ? "twofa.rateLimited" : "console.login.failed");
    if ("next" in ack.data) onNext(ack.data.next);
    else onLoggedIn(ack.data);
  };
  return (
    <>
      <h1>{t("console.login.title")}</h1>
      <form onSubmit={submit}>
        <label htmlFor="email">{t("console.login.email")}</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <label htmlFor="password">{t("console.login.password")}</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {failed && (
          <p className="hint error" role="alert">
            {t(failed)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("console.login.submit")}
        </button>
      </form>
    </>
  );
}
