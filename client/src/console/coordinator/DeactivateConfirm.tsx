import type { StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";

/** "Deactivate Eva?" with the way out as the default. */
export function DeactivateConfirm({ member, onConfirm, onCancel }: { member: StaffAdminView; onConfirm(): void; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="panel dialog" role="alertdialog" aria-labelledby="confirm-text" onKeyDown={(e) => e.key === "Escape" && onCancel()}>
      <p id="confirm-text">{t("coord.staff.deactivateConfirm", { name: member.displayName })}</p>
      <div className="form-actions">
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {t("coord.staff.deactivate")}
        </button>
        {/* The safe choice has the focus: Enter on a confirmation must not deactivate anyone. */}
        <button type="button" className="button button-quiet" autoFocus onClick={onCancel}>
          {t("coord.cancel")}
        </button>
      </div>
    </div>
  );
}
