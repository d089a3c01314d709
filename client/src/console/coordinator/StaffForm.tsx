import { useState } from "react";
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
import { draftOf, isBooster, otherSkillsText, type StaffDraft, staffBody } from "./staffDraft";
import { useAdminSave } from "./useAdminSave";

type SetField = <K extends keyof StaffDraft>(key: K, value: StaffDraft[K]) => void;

function Boosters({ draft, set }: { draft: StaffDraft; set: SetField }) {
  const { t } = useI18n();
  const boosters = draft.skills.filter(isBooster);
  return (
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
  );
}

/** Which locations a coordinator runs: all (only a national coordinator may give that), or some. */
function Manages({ me, draft, set, locations }: { me: StaffView; draft: StaffDraft; set: SetField; locations: LocationAdminView[] }) {
  const { t } = useI18n();
  const list = Array.isArray(draft.manages) ? draft.manages : [draft.locationId];
  return (
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
        locations.map((l) => (
          <label key={l.id} className="option">
            <input
              type="checkbox"
              checked={list.includes(l.id)}
              onChange={(e) => set("manages", e.target.checked ? [...list, l.id] : list.filter((x) => x !== l.id))}
            />
            {l.name}
          </label>
        ))}
    </fieldset>
  );
}

interface StaffFormProps {
  me: StaffView;
  locations: LocationAdminView[];
  /** The colleague to change; none for an invitation. */
  subject?: StaffAdminView;
  onCancel(): void;
  onDone(result: InviteView | StaffAdminView): void;
}

/** Invite a colleague, or change one: name, role, location, skills and, for coordinators, what they run. */
export function StaffForm({ me, locations, subject, onCancel, onDone }: StaffFormProps) {
  const { t } = useI18n();
  const save = useAdminSave();
  const [draft, setDraft] = useState(() => draftOf(subject, locations, me));
  const [other, setOther] = useState(() => otherSkillsText(draft.skills));
  const set: SetField = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  // The role and the locations one runs are someone else's to change.
  const self = subject?.id === me.id;

  const submit = async () => {
    const body = staffBody(draft, other, self);
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
      <Boosters draft={draft} set={set} />
      <label>
        {t("coord.staff.otherSkills")}
        <input value={other} onChange={(e) => setOther(e.target.value)} maxLength={300} />
      </label>
      {draft.role === "coordinator" && !self && <Manages me={me} draft={draft} set={set} locations={locations} />}
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
