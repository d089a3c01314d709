import { useEffect, useState } from "react";
import type { Ack, InviteInfoView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { api } from "../lib/api";
import { errorText } from "../lib/errorText";

const MIN_PASSWORD = 12;

/** /console/invite#<token>: a new staff member sets their own password, then lands in their console. */
export function InvitePage() {
  const { t } = useI18n();
  // Read once, then taken out of the address bar so the token stays out of history and screenshots.
  const [token] = useState(() => window.location.hash.slice(1));
  const [info, setInfo] = useState<InviteInfoView | null>();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reads the token from the address once, then takes it out of the address
  useEffect(() => {
    window.history.replaceState(null, "", window.location.pathname);
    if (!token) return setInfo(null);
    void api<InviteInfoView>("/api/invites/info", { method: "POST", body: { token } }).then((ack) => {
      setInfo(ack.ok ? ack.data : null);
      if (!ack.ok && ack.code === "RATE_LIMITED") setProblem(t("invite.rateLimited"));
    });
  }, [token]);

  if (info === undefined) return null;
  if (info === null)
    return (
      <main className="login">
        <h1>{t("invite.title")}</h1>
        <p role="alert">{problem ?? t("invite.invalid")}</p>
      </main>
    );

  const submit = async () => {
    if (password.length < MIN_PASSWORD) return setProblem(t("invite.tooShort"));
    if (password !== repeat) return setProblem(t("invite.mismatch"));
    setProblem(undefined);
    setBusy(true);
    const ack = await api("/api/invites/accept", { method: "POST", body: { token, password } });
    setBusy(false);
    if (!ack.ok) return setProblem(refusalText(t, ack));
    setDone(true);
    window.location.replace("/console");
  };

  return (
    <main className="login">
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro", { role: t(`console.role.${info.role}`), email: info.email })}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input type="email" autoComplete="username" value={info.email} readOnly hidden />
        <NewPassword password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} />
        {problem && (
          <p className="problems" role="alert">
            {problem}
          </p>
        )}
        {done && <p role="status">{t("invite.done")}</p>}
        <button type="submit" className="button button-primary" disabled={busy || done}>
          {t("invite.submit")}
        </button>
      </form>
    </main>
  );
}

/** Why accepting the invite was refused, in words. */
function refusalText(t: ReturnType<typeof useI18n>["t"], ack: Exclude<Ack<unknown>, { ok: true }>): string {
  if (ack.code === "NOT_FOUND") return t("invite.invalid");
  if (ack.code === "RATE_LIMITED") return t("invite.rateLimited");
  if (ack.code === "WEAK_PASSWORD") return t("invite.weakPassword");
  return errorText(t, ack);
}

/** The new password, twice; the browser's password manager may offer one. */
function NewPassword({
  password,
  repeat,
  onPassword,
  onRepeat,
}: {
  password: string;
  repeat: string;
  onPassword(value: string): void;
  onRepeat(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <PasswordInput id="invite-password" label={t("invite.password")} value={password} onValue={onPassword} minLength={MIN_PASSWORD} />
      <PasswordInput id="invite-repeat" label={t("invite.repeat")} value={repeat} onValue={onRepeat} />
    </>
  );
}

/** One new password's label and input. */
function PasswordInput(props: { id: string; label: string; value: string; onValue(value: string): void; minLength?: number }) {
  const { id, label, value, onValue, minLength } = props;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(e) => onValue(e.target.value)}
        minLength={minLength}
        required
      />
    </>
  );
}
