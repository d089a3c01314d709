import { useEffect } from "react";
import type { InviteView, LocationAdminView, StaffAdminView, StaffView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useWorkplace } from "../../lib/workplace";
import { DeactivateConfirm } from "./DeactivateConfirm";
import { InviteLink } from "./InviteLink";
import { StaffForm } from "./StaffForm";
import { type StaffCommand, StaffTable } from "./StaffTable";
import { initialStaffPage, reduceStaffPage } from "./staffState";
import { useAdminSave } from "./useAdminSave";

/** Invite, change and deactivate the staff of the locations this coordinator runs. */
export function StaffPage({ me }: { me: StaffView }) {
  const { t } = useI18n();
  const [state, store] = useWorkplace(reduceStaffPage, () => initialStaffPage);
  const { dispatch } = store;
  const save = useAdminSave();

  const load = async () => {
    const [s, l] = await Promise.all([api<StaffAdminView[]>("/api/admin/staff"), api<LocationAdminView[]>("/api/admin/locations")]);
    dispatch({ type: "loaded", staff: s.ok ? s.data : undefined, locations: l.ok ? l.data : undefined });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once when the page opens
  useEffect(() => {
    void load();
  }, []);
  const { staff, locations, editing, invite, confirming } = state;
  if (!staff) return <p>{t("coord.loading")}</p>;

  const command = async (who: StaffAdminView, action: StaffCommand) => {
    if (action === "reinvite") {
      const issued = await save.run(() => api<InviteView>(`/api/admin/staff/${who.id}/reinvite`, { method: "POST" }));
      if (issued) dispatch({ type: "invited", invite: issued });
      return;
    }
    const next = await save.run(() => api<StaffAdminView>(`/api/admin/staff/${who.id}/${action}`, { method: "POST" }));
    if (next) dispatch({ type: "changed", member: next });
  };

  return (
    <section className="admin" aria-labelledby="staff-title">
      <div className="admin-head">
        <h1 id="staff-title">{t("coord.tab.staff")}</h1>
        <button type="button" className="button button-primary" onClick={() => dispatch({ type: "edit", subject: "new" })}>
          {t("coord.staff.invite")}
        </button>
      </div>
      {invite && <InviteLink invite={invite} onClose={() => dispatch({ type: "inviteClosed" })} />}
      {editing && (
        <StaffForm
          me={me}
          locations={locations}
          subject={editing === "new" ? undefined : editing}
          onCancel={() => dispatch({ type: "editClosed" })}
          onDone={async (result) => {
            dispatch({ type: "saved", result });
            // A new colleague is a new row, in the order the server keeps the list.
            if ("link" in result) await load();
          }}
        />
      )}
      {confirming && (
        <DeactivateConfirm
          member={confirming}
          onCancel={() => dispatch({ type: "confirmClosed" })}
          onConfirm={async () => {
            dispatch({ type: "confirmClosed" });
            await command(confirming, "deactivate");
          }}
        />
      )}
      {save.message}
      <StaffTable
        staff={staff}
        locations={locations}
        me={me}
        onEdit={(member) => dispatch({ type: "edit", subject: member })}
        onDeactivate={(member) => dispatch({ type: "confirm", member })}
        onCommand={(member, action) => void command(member, action)}
        onReload={() => void load()}
      />
    </section>
  );
}
