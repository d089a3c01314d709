import { useState } from "react";
import type { StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useAdminSave } from "./useAdminSave";

const REASONS = ["lost-device", "left-service", "other"] as const;

/** A colleague lost their phone: the coordinator resets their second factor, with a reason (recorded). */
export function SecondFactorReset({ subject, onDone }: { subject: StaffAdminView; onDone(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<(typeof REASONS)[number]>("lost-device");
  const [done, setDone] = useState(false);
  const save = useAdminSave();
  if (done)
    return (
      <p role="status" className="hint">
        {t("staff.twofa.resetDone", { name: subject.displayName })}
      </p>
    );
  if (!open) {
    return (
      <button
        type="button"
        className="button button-quiet"
        onClick={() => setOpen(true)}
        aria-label={`${t("staff.twofa.reset")}: ${subject.displayName}`}
      >
        {t("staff.twofa.reset")}
      </button>
    );
  }
  const reset = async () => {
    const result = await save.run(() =>
      api<{ reset: boolean }>(`/api/admin/staff/${subject.id}/reset-second-factor`, { method: "POST", body: { reason } }),
    );
    if (!result) return;
    setDone(true);
    onDone();
  };
  return (
    <div
      className="panel dialog"
      role="dialog"
      aria-label={`${t("staff.twofa.reset")}: ${subject.displayName}`}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
    >
      <label htmlFor={`reset-reason-${subject.id}`}>{t("staff.twofa.resetReason")}</label>
      <select id={`reset-reason-${subject.id}`} value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
        {REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`access.reason.${r}`)}
          </option>
        ))}
      </select>
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={() => void reset()}>
          {t("staff.twofa.resetConfirm")}
        </button>
        <button type="button" className="button button-quiet" autoFocus onClick={() => setOpen(false)}>
          {t("coord.cancel")}
        </button>
      </div>
      {save.message}
    </div>
  );
}
