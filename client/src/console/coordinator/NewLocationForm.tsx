import { useState } from "react";
import type { LocationAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { newLocationBody } from "./locationDraft";
import { useAdminSave } from "./useAdminSave";

/** A new location under a name and an id of its own; `onDone` gets the id, or nothing when cancelled. */
export function NewLocationForm({ template, onDone }: { template: LocationAdminView; onDone(id?: string): void }) {
  const { t } = useI18n();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const save = useAdminSave();
  return (
    <form
      className="panel admin-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const created = await save.run(() =>
          api<LocationAdminView>("/api/admin/locations", { method: "POST", body: newLocationBody(template, id, name) }),
        );
        if (created) onDone(created.id);
      }}
    >
      <h2>{t("coord.loc.new")}</h2>
      <label>
        {t("coord.loc.name")}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} />
      </label>
      <label>
        {t("coord.loc.newId")}
        <input value={id} onChange={(e) => setId(e.target.value)} required pattern="[a-z0-9\-]{1,40}" />
      </label>
      {save.message}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t("coord.loc.create")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone()}>
          {t("coord.cancel")}
        </button>
      </div>
    </form>
  );
}
