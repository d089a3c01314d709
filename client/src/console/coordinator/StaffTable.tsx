import type { LocationAdminView, StaffAdminView, StaffView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { SecondFactorReset } from "./SecondFactorReset";
import { skillLabel, statusOf } from "./staffDraft";

/** What a row's buttons ask of the server (deactivation only after a confirmation). */
export type StaffCommand = "deactivate" | "reactivate" | "reinvite";

interface RowHandlers {
  onEdit(member: StaffAdminView): void;
  onDeactivate(member: StaffAdminView): void;
  onCommand(member: StaffAdminView, command: Exclude<StaffCommand, "deactivate">): void;
  /** Something changed that the row cannot know the outcome of (a second factor reset): load the list again. */
  onReload(): void;
}

function RowActions({ member: s, me, onEdit, onDeactivate, onCommand, onReload }: { member: StaffAdminView; me: StaffView } & RowHandlers) {
  const { t } = useI18n();
  // Not on oneself: deactivating or resetting the second factor would log the coordinator out of this very page.
  const other = s.id !== me.id;
  return (
    <div className="row-actions">
      <button
        type="button"
        className="button button-quiet"
        onClick={() => onEdit(s)}
        aria-label={`${t("coord.staff.edit")}: ${s.displayName}`}
      >
        {t("coord.staff.edit")}
      </button>
      {s.active && other && (
        <button
          type="button"
          className="button button-danger-quiet"
          onClick={() => onDeactivate(s)}
          aria-label={`${t("coord.staff.deactivate")}: ${s.displayName}`}
        >
          {t("coord.staff.deactivate")}
        </button>
      )}
      {s.secondFactor && other && <SecondFactorReset subject={s} onDone={onReload} />}
      {statusOf(s) === "inactive" && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onCommand(s, "reactivate")}
          aria-label={`${t("coord.staff.reactivate")}: ${s.displayName}`}
        >
          {t("coord.staff.reactivate")}
        </button>
      )}
      {!s.active && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => onCommand(s, "reinvite")}
          aria-label={`${t("coord.staff.reinvite")}: ${s.displayName}`}
        >
          {t("coord.staff.reinvite")}
        </button>
      )}
    </div>
  );
}

/** The staff of the coordinator's locations, one row each, with what can be done to them. */
export function StaffTable({
  staff,
  locations,
  me,
  ...handlers
}: { staff: StaffAdminView[]; locations: LocationAdminView[]; me: StaffView } & RowHandlers) {
  const { t } = useI18n();
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;
  return (
    <table className="admin-table">
      <caption>{t("coord.staff.list")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("coord.staff.colName")}</th>
          <th scope="col">{t("coord.staff.role")}</th>
          <th scope="col">{t("coord.staff.location")}</th>
          <th scope="col">{t("coord.staff.skills")}</th>
          <th scope="col">{t("coord.staff.status")}</th>
          <th scope="col">{t("coord.staff.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((s) => {
          const status = statusOf(s);
          return (
            <tr key={s.id} className={s.active ? undefined : "inactive"}>
              <th scope="row">
                {s.displayName}
                <span className="muted block">{s.email}</span>
              </th>
              <td>{t(`console.role.${s.role}`)}</td>
              <td>{locationName(s.locationId)}</td>
              <td>{s.skills.map((k) => skillLabel(t, k)).join(", ")}</td>
              <td>
                <span className={`status status-${status}`}>{t(`coord.staff.status.${status}` as MessageKey)}</span>
                {s.active && <span className="muted block">{t(s.secondFactor ? "staff.twofa.on" : "staff.twofa.off")}</span>}
              </td>
              <td>
                <RowActions member={s} me={me} {...handlers} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
