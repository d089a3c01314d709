import { type ReactNode, useState } from "react";
import { type LocationAdminView, TOPICS } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { Exceptions, WeekHours } from "./LocationHours";
import { LocationSnippets } from "./LocationSnippets";
import { type DraftPartProps, type SetField, toggleIn } from "./locationDraft";

function General({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.general")}</legend>
      <label>
        {t("coord.loc.name")}
        <input value={draft.name} onChange={(e) => set("name", e.target.value)} required maxLength={60} />
      </label>
      <label>
        {t("coord.loc.timeZone")}
        <input value={draft.timeZone} onChange={(e) => set("timeZone", e.target.value)} required list="time-zones" />
        <datalist id="time-zones">
          <option value="Europe/Amsterdam" />
          <option value="Europe/Brussels" />
          <option value="America/Curacao" />
          <option value="America/Aruba" />
          <option value="America/Paramaribo" />
        </datalist>
      </label>
    </fieldset>
  );
}

function Routing({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.routing")}</legend>
      <label>
        {t("coord.loc.overflow")}
        <input
          type="number"
          min={0}
          max={3600}
          value={draft.overflowSeconds}
          onChange={(e) => set("overflowSeconds", Number(e.target.value))}
        />
      </label>
      <label>
        {t("coord.loc.skillWindow")}
        <input
          type="number"
          min={0}
          max={600}
          value={draft.skillWindowSeconds}
          onChange={(e) => set("skillWindowSeconds", Number(e.target.value))}
        />
      </label>
      <label className="toggle">
        <input type="checkbox" checked={draft.autoAssign} onChange={(e) => set("autoAssign", e.target.checked)} />
        {t("coord.loc.autoAssign")}
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={draft.volunteerSecondFactor ?? false}
          onChange={(e) => set("volunteerSecondFactor", e.target.checked)}
        />
        {t("loc.volunteerSecondFactor")}
      </label>
    </fieldset>
  );
}

function Topics({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.topics")}</legend>
      <div className="chips">
        {TOPICS.map((topic) => (
          <label key={topic} className="chip">
            <input
              type="checkbox"
              checked={draft.wrapUpTopics.includes(topic)}
              onChange={(e) => set("wrapUpTopics", toggleIn(draft.wrapUpTopics, topic, e.target.checked))}
            />
            <span>{t(`topic.${topic}` as MessageKey)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Every setting of one location, edited as a draft and saved in one go. */
export function LocationEditor({
  location,
  onSave,
  message,
}: {
  location: LocationAdminView;
  onSave(next: LocationAdminView): Promise<void>;
  message: ReactNode;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(location);
  const [busy, setBusy] = useState(false);
  const set: SetField = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const parts = { draft, set };

  return (
    <form
      className="admin-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        await onSave(draft);
        setBusy(false);
      }}
    >
      <General {...parts} />
      <WeekHours {...parts} />
      <Exceptions {...parts} />
      <Routing {...parts} />
      <Topics {...parts} />
      <LocationSnippets {...parts} />
      <div className="form-actions sticky-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("coord.save")}
        </button>
        {message}
      </div>
    </form>
  );
}
