import { type FormEvent, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useAdminSave } from "./useAdminSave";

const REASONS = ["youth-request", "safeguarding", "other"] as const;

/** Erase one ended conversation by its number, with a reason; asks once more before it happens. */
export function ErasePanel({ onErased }: { onErased(): void }) {
  const { t } = useI18n();
  const [conversationId, setConversationId] = useState("");
  const [reason, setReason] = useState<(typeof REASONS)[number]>("youth-request");
  const [confirming, setConfirming] = useState(false);
  const save = useAdminSave();
  const erase = async () => {
    setConfirming(false);
    const id = conversationId.trim();
    const done = await save.run(
      () =>
        api<{ messages: number; escalations: number }>(`/api/admin/conversations/${encodeURIComponent(id)}/erase`, {
          method: "POST",
          body: { reason },
        }),
      (erased) => t("access.erase.done", erased),
    );
    if (done) {
      setConversationId("");
      onErased();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConfirming(true);
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="erase-title">
      <h2 id="erase-title">{t("access.erase.title")}</h2>
      <p className="hint">{t("access.erase.intro")}</p>
      <label htmlFor="erase-conversation">{t("access.erase.conversation")}</label>
      <input
        id="erase-conversation"
        required
        pattern="c_[A-Za-z0-9_\-]{10,40}"
        value={conversationId}
        onChange={(e) => setConversationId(e.target.value)}
      />
      <label htmlFor="erase-reason">{t("access.erase.reason")}</label>
      <select id="erase-reason" value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`access.reason.${r}`)}
          </option>
        ))}
      </select>
      {confirming ? (
        <div
          className="panel dialog"
          role="alertdialog"
          aria-labelledby="erase-confirm"
          onKeyDown={(e) => e.key === "Escape" && setConfirming(false)}
        >
          <p id="erase-confirm">{t("access.erase.confirm", { id: conversationId.trim() })}</p>
          <div className="form-actions">
            <button type="button" className="button button-danger" onClick={() => void erase()}>
              {t("access.erase.submit")}
            </button>
            {/* The safe choice has the focus. */}
            <button type="button" className="button button-quiet" autoFocus onClick={() => setConfirming(false)}>
              {t("coord.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className="button button-danger">
          {t("access.erase.submit")}
        </button>
      )}
      {save.message}
    </form>
  );
}
