import { useState, type FormEvent } from "react";
import type { StaffView } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";

/** Staff log in with e-mail and password; the server answers with an HttpOnly session cookie. */
export function LoginView({ onLoggedIn }: { onLoggedIn(staff: StaffView): void }) {
  const { t, lang, setLang } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const res = await fetch("/api/auth/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; data?: StaffView };
    setBusy(false);
    if (body.ok && body.data) onLoggedIn(body.data);
    else setFailed(true);
  };
  return (
    <main className="login">
      <button type="button" className="button button-quiet lang" onClick={() => setLang(lang === "nl" ? "en" : "nl")}>
        {t("lang.switch")}
      </button>
      <h1>{t("console.login.title")}</h1>
      <form onSubmit={submit}>
        <label htmlFor="email">{t("console.login.email")}</label>
        <input id="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        <label htmlFor="password">{t("console.login.password")}</label>
        <input id="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {failed && (
          <p className="hint error" role="alert">
            {t("console.login.failed")}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("console.login.submit")}
        </button>
      </form>
    </main>
  );
}
