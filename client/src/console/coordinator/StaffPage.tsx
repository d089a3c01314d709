import { useEffect, useRef, useState } from "react";
import {
  BOOSTER_SKILLS,
  type InviteView,
  type LocationAdminView,
  STAFF_ROLES,
  type StaffAdminView,
  type StaffRole,
  type StaffView,
} from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { api } from "../../lib/api";
import { LocationSelect } from "./LocationSelect";
import { SecondFactorReset } from "./SecondFactorReset";
import { useAdminSave } from "./useAdminSave";

interface StaffDraft {
  email: string;
  displayName: string;
  role: StaffRole;
  locationId: string;
  skills: string[];
  manages?: string[] | "all";
}

/** Invite, change and deactivate the staff of the locations this coordinator runs. */
export function StaffPage({ me }: { me: StaffView }) {
  const { t } = useI18n();
  const [staff, setStaff] = useState<StaffAdminView[]>();
  const [locations, setLocations] = useState<LocationAdminView[]>([]);
  const [editing, setEditing] = useState<StaffAdminView | "new">();
  const [invite, setInvite] = useState<InviteView>();
  const [confirming, setConfirming] = useState<StaffAdminView>();
  const save = useAdminSave();

  const load = async () => {
    const [s, l] = await Promise.all([api<StaffAdminView[]>("/api/admin/staff"), api<LocationAdminView[]>("/api/admin/locations")]);
    if (s.ok) setStaff(s.data);
    if (l.ok) setLocations(l.data);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once when the page opens
  useEffect(() => {
    void load();
  }, []);
  if (!staff) return <p>{t("coord.loading")}</p>;

  const replace = (next: StaffAdminView) => setStaff((list) => list?.map((s) => (s.id === next.id ? next : s)));
  const act = async (who: StaffAdminView, action: "deactivate" | "reactivate" | "reinvite") => {
    if (action === "reinvite") {
      const issued = await save.run(() => api<InviteView>(`/api/admin/staff/${who.id}/reinvite`, { method: "POST" }));
      if (issued) setInvite(issued);
      return;
    }
    const next = await save.run(() => api<StaffAdminView>(`/api/admin/staff/${who.id}/${action}`, { method: "POST" }));
    if (next) replace(next);
  };
  const locationName = (id: string) => locations.find((l) => l.id === id)?.name ?? id;

  return (
    <section className="admin" aria-labelledby="staff-title">
      <div className="admin-head">
        <h1 id="staff-title">{t("coord.tab.staff")}</h1>
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setInvite(undefined);
            setEditing("new");
          }}
        >
          {t("coord.staff.invite")}
        </button>
      </div>
      {invite && <InviteLink invite={invite} onClose={() => setInvite(undefined)} />}
      {editing && (
        <StaffForm
          me={me}
          locations={locations}
          subject={editing === "new" ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onDone={async (result) => {
            setEditing(undefined);
            if ("link" in result) {
              setInvite(result);
              await load();
            } else replace(result);
          }}
        />
      )}
      {confirming && (
        <div
          className="panel dialog"
          role="alertdialog"
          aria-labelledby="confirm-text"
          onKeyDown={(e) => e.key === "Escape" && setConfirming(undefined)}
        >
          <p id="confirm-text">{t("coord.staff.deactivateConfirm", { name: confirming.displayName })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-danger"
              onClick={async () => {
                const who = confirming;
                setConfirming(undefined);
                await act(who, "deactivate");
              }}
            >
              {t("coord.staff.deactivate")}
            </button>
            {/* The safe choice has the focus: Enter on a confirmation must not deactivate anyone. */}
            <button type="button" className="button button-quiet" autoFocus onClick={() => setConfirming(undefined)}>
              {t("coord.cancel")}
            </button>
          </div>
        </div>
      )}
      {save.message}
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
            const status = s.active ? "active" : s.invitePending ? "pending" : "inactive";
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
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button button-quiet"
                      onClick={() => {
                        setInvite(undefined);
                        setEditing(s);
                      }}
                      aria-label={`${t("coord.staff.edit")}: ${s.displayName}`}
                    >
                      {t("coord.staff.edit")}
                    </button>
                    {s.active && s.id !== me.id && (
                      <button
                        type="button"
                        className="button button-danger-quiet"
                        onClick={() => setConfirming(s)}
                        aria-label={`${t("coord.staff.deactivate")}: ${s.displayName}`}
                      >
                        {t("coord.staff.deactivate")}
                      </button>
                    )}
                    {s.secondFactor && s.id !== me.id && <SecondFactorReset subject={s} onDone={() => void load()} />}
                    {!s.active && !s.invitePending && status === "inactive" && (
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => void act(s, "reactivate")}
                        aria-label={`${t("coord.staff.reactivate")}: ${s.displayName}`}
                      >
                        {t("coord.staff.reactivate")}
                      </button>
                    )}
                    {!s.active && (
                      <button
                        type="button"
                        className="button button-quiet"
                        onClick={() => void act(s, "reinvite")}
                        aria-label={`${t("coord.staff.reinvite")}: ${s.displayName}`}
                      >
                        {t("coord.staff.reinvite")}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function skillLabel(t: ReturnType<typeof useI18n>["t"], key: string): string {
  return (BOOSTER_SKILLS as readonly string[]).includes(key) ? t(`coord.skill.${key}` as MessageKey) : key;
}

function InviteLink({ invite, onClose }: { invite: InviteView; onClose(): void }) {
  const { t, lang } = useI18n();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const until = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
    invite.expiresAt,
  );
  return (
    <div className="panel invite-link" role="status">
      <p>{t("coord.staff.link", { name: invite.staff.displayName, until })}</p>
      <div className="form-actions">
        <input ref={field} readOnly value={invite.link} aria-label={t("coord.staff.linkLabel")} onFocus={(e) => e.target.select()} />
        <button
          type="button"
          className="button"
          onClick={async () => {
            field.current?.select();
            const done = await navigator.clipboard?.writeText(invite.link).then(
              () => true,
              () => false,
            );
            // Without a clipboard (plain http) the link stays selected for Ctrl+C.
            setCopied(done === true);
          }}
        >
          {copied ? t("coord.staff.copied") : t("coord.staff.copy")}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose} aria-label={t("coord.close")}>
          ×
        </button>
      </div>
    </div>
  );
}

function StaffForm({
  me,
  locations,
  subject,
  onCancel,
  onDone,
}: {
  me: StaffView;
  locations: LocationAdminView[];
  subject?: StaffAdminView;
  onCancel(): void;
  onDone(result: InviteView | StaffAdminView): void;
}) {
  const { t } = useI18n();
  const save = useAdminSave();
  const [draft, setDraft] = useState<StaffDraft>(
    subject
      ? {
          email: subject.email,
          displayName: subject.displayName,
          role: subject.role,
          locationId: subject.locationId,
          skills: subject.skills,
          ...(subject.manages && { manages: subject.manages }),
        }
      : { email: "", displayName: "", role: "volunteer", locationId: locations[0]?.id ?? me.locationId, skills: [] },
  );
  const [other, setOther] = useState(draft.skills.filter((s) => !(BOOSTER_SKILLS as readonly string[]).includes(s)).join(", "));
  const set = <K extends keyof StaffDraft>(key: K, value: StaffDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const boosters = draft.skills.filter((s) => (BOOSTER_SKILLS as readonly string[]).includes(s));
  const self = subject?.id === me.id;

  const submit = async () => {
    const extra = other
      .split(",")
      .map((s) => s.trim().toLowerCase().replace(/\s+/g, "-"))
      .filter(Boolean);
    const skills = [...new Set([...boosters, ...extra])];
    const manages = draft.role === "coordinator" && !self ? (draft.manages ?? [draft.locationId]) : undefined;
    const body = { displayName: draft.displayName, role: draft.role, locationId: draft.locationId, skills, ...(manages && { manages }) };
    const result = subject
      ? await save.run(() => api<StaffAdminView>(`/api/admin/staff/${subject.id}`, { method: "PUT", body }))
      : await save.run(() => api<InviteView>("/api/admin/staff/invite", { method: "POST", body: { ...body, email: draft.email } }));
    if (result) onDone(result);
  };

  return (
    <form
      className="panel admin-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{subject ? t("coord.staff.editTitle", { name: subject.displayName }) : t("coord.staff.invite")}</h2>
      {!subject && (
        <label>
          {t("coord.staff.email")}
          <input type="email" value={draft.email} required maxLength={200} onChange={(e) => set("email", e.target.value)} autoFocus />
        </label>
      )}
      <label>
        {t("coord.staff.name")}
        <input value={draft.displayName} required maxLength={40} onChange={(e) => set("displayName", e.target.value)} />
      </label>
      <label>
        {t("coord.staff.role")}
        <select value={draft.role} disabled={self} onChange={(e) => set("role", e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`console.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <LocationSelect
        label={t("coord.staff.location")}
        locations={locations}
        value={draft.locationId}
        onChange={(id) => set("locationId", id)}
      />
      <fieldset>
        <legend>{t("coord.staff.skills")}</legend>
        <div className="chips">
          {BOOSTER_SKILLS.map((skill) => (
            <label key={skill} className="chip">
              <input
                type="checkbox"
                checked={boosters.includes(skill)}
                onChange={(e) => set("skills", e.target.checked ? [...draft.skills, skill] : draft.skills.filter((s) => s !== skill))}
              />
              <span>{t(`coord.skill.${skill}` as MessageKey)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {t("coord.staff.otherSkills")}
        <input value={other} onChange={(e) => setOther(e.target.value)} maxLength={300} />
      </label>
      {draft.role === "coordinator" && !self && (
        <fieldset>
          <legend>{t("coord.staff.manages")}</legend>
          {me.manages === "all" && (
            <label className="option">
              <input
                type="checkbox"
                checked={draft.manages === "all"}
                onChange={(e) => set("manages", e.target.checked ? "all" : [draft.locationId])}
              />
              {t("coord.staff.managesAll")}
            </label>
          )}
          {draft.manages !== "all" &&
            locations.map((l) => {
              const list = Array.isArray(draft.manages) ? draft.manages : [draft.locationId];
              return (
                <label key={l.id} className="option">
                  <input
                    type="checkbox"
                    checked={list.includes(l.id)}
                    onChange={(e) => set("manages", e.target.checked ? [...list, l.id] : list.filter((x) => x !== l.id))}
                  />
                  {l.name}
                </label>
              );
            })}
        </fieldset>
      )}
      {save.message}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {subject ? t("coord.save") : t("coord.staff.send")}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          {t("coord.cancel")}
        </button>
      </div>
    </form>
  );
}
