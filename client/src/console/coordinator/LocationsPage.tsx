import { type ReactNode, useEffect, useState } from "react";
import { type LocationAdminView, type StaffView, TOPICS } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { api } from "../../lib/api";
import { LocationSelect } from "./LocationSelect";
import { useAdminSave } from "./useAdminSave";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Day = (typeof DAYS)[number];
type Window = { start: string; end: string };

function settingsOf({ id: _id, ...settings }: LocationAdminView) {
  return settings;
}

/** Opening hours, exceptions, routing, topics and snippets of the locations this coordinator runs. */
export function LocationsPage({ me }: { me: StaffView }) {
  const { t } = useI18n();
  const [locations, setLocations] = useState<LocationAdminView[]>();
  const [selected, setSelected] = useState<string>();
  const [creating, setCreating] = useState(false);
  const save = useAdminSave();

  const load = async (select?: string) => {
    const ack = await api<LocationAdminView[]>("/api/admin/locations");
    if (!ack.ok) return;
    setLocations(ack.data);
    setSelected((current) => select ?? current ?? ack.data[0]?.id);
  };
  useEffect(() => {
    void load();
  }, []);

  if (!locations) return <p>{t("coord.loading")}</p>;
  const location = locations.find((l) => l.id === selected);
  return (
    <section className="admin" aria-labelledby="locations-title">
      <div className="admin-head">
        <h1 id="locations-title">{t("coord.tab.locations")}</h1>
        <LocationSelect
          className="inline-field"
          label={t("coord.loc.pick")}
          locations={locations}
          value={selected}
          onChange={(id) => {
            save.clear();
            setSelected(id);
          }}
        />
        {me.manages === "all" && (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            {t("coord.loc.new")}
          </button>
        )}
      </div>
      {creating && location && (
        <NewLocation
          template={location}
          onDone={async (id) => {
            setCreating(false);
            if (id) await load(id);
          }}
        />
      )}
      {location && (
        <LocationEditor
          key={location.id}
          location={location}
          message={save.message}
          onSave={async (next) => {
            const saved = await save.run(() =>
              api<LocationAdminView>(`/api/admin/locations/${location.id}`, { method: "PUT", body: settingsOf(next) }),
            );
            if (saved) setLocations(locations.map((l) => (l.id === saved.id ? saved : l)));
          }}
        />
      )}
    </section>
  );
}

function NewLocation({ template, onDone }: { template: LocationAdminView; onDone(id?: string): void }) {
  const { t } = useI18n();
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const save = useAdminSave();
  return (
    <form
      className="panel admin-form"
      onSubmit={async (e) => {
        e.preventDefault();
        // A new location starts from the current one's settings, so nothing essential is empty.
        // Closed on every day until its hours are set: a new location must not open before anyone works there.
        const closed = Object.fromEntries(DAYS.map((d) => [d, []])) as unknown as LocationAdminView["weeklyHours"];
        const created = await save.run(() =>
          api<LocationAdminView>("/api/admin/locations", {
            method: "POST",
            body: { ...settingsOf(template), id, name, exceptions: [], weeklyHours: closed, autoAssign: false },
          }),
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

function LocationEditor({
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
  const set = <K extends keyof LocationAdminView>(key: K, value: LocationAdminView[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setDay = (day: Day, windows: Window[]) => set("weeklyHours", { ...draft.weeklyHours, [day]: windows });

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

      <fieldset className="panel">
        <legend>{t("coord.loc.hours")}</legend>
        <p className="muted">{t("coord.loc.midnightHint")}</p>
        <ul className="week-hours">
          {DAYS.map((day) => (
            <li key={day}>
              <span className="day-name">{t(`coord.day.${day}` as MessageKey)}</span>
              <Windows windows={draft.weeklyHours[day]} dayLabel={t(`coord.day.${day}` as MessageKey)} onChange={(w) => setDay(day, w)} />
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="panel">
        <legend>{t("coord.loc.exceptions")}</legend>
        {draft.exceptions.length === 0 && <p className="muted">{t("coord.loc.exceptionsNone")}</p>}
        <ul className="exceptions">
          {draft.exceptions.map((ex, i) => {
            const update = (next: Partial<typeof ex>) =>
              set(
                "exceptions",
                draft.exceptions.map((e, j) => (j === i ? { ...e, ...next } : e)),
              );
            return (
              <li key={i}>
                <label>
                  {t("coord.loc.exceptionDate")}
                  <input type="date" value={ex.date} required onChange={(e) => update({ date: e.target.value })} />
                </label>
                <label className="toggle">
                  <input
                    type="checkbox"
                    checked={ex.windows.length === 0}
                    onChange={(e) => update({ windows: e.target.checked ? [] : [{ start: "14:00", end: "18:00" }] })}
                  />
                  {t("coord.loc.exceptionClosed")}
                </label>
                {ex.windows.length > 0 && <Windows windows={ex.windows} dayLabel={ex.date} onChange={(w) => update({ windows: w })} />}
                <label>
                  {t("coord.loc.exceptionNote")}
                  <input value={ex.note ?? ""} maxLength={100} onChange={(e) => update({ note: e.target.value || undefined })} />
                </label>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() =>
                    set(
                      "exceptions",
                      draft.exceptions.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t("coord.remove")}
                </button>
              </li>
            );
          })}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => set("exceptions", [...draft.exceptions, { date: new Date().toLocaleDateString("en-CA"), windows: [] }])}
        >
          {t("coord.loc.addException")}
        </button>
      </fieldset>

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

      <fieldset className="panel">
        <legend>{t("coord.loc.topics")}</legend>
        <div className="chips">
          {TOPICS.map((topic) => (
            <label key={topic} className="chip">
              <input
                type="checkbox"
                checked={draft.wrapUpTopics.includes(topic)}
                onChange={(e) =>
                  set("wrapUpTopics", e.target.checked ? [...draft.wrapUpTopics, topic] : draft.wrapUpTopics.filter((x) => x !== topic))
                }
              />
              <span>{t(`topic.${topic}` as MessageKey)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="panel">
        <legend>{t("coord.loc.snippets")}</legend>
        <ul className="snippet-rows">
          {draft.snippets.map((s, i) => {
            const update = (next: Partial<typeof s>) =>
              set(
                "snippets",
                draft.snippets.map((x, j) => (j === i ? { ...x, ...next } : x)),
              );
            return (
              <li key={i}>
                <label>
                  {t("coord.loc.snippetKey")}
                  <input value={s.key} required pattern="[a-z0-9\-]{1,30}" onChange={(e) => update({ key: e.target.value })} />
                </label>
                <label>
                  {t("coord.loc.snippetLang")}
                  <select value={s.lang} onChange={(e) => update({ lang: e.target.value as "nl" | "en" })}>
                    <option value="nl">NL</option>
                    <option value="en">EN</option>
                  </select>
                </label>
                <label className="grow">
                  {t("coord.loc.snippetText")}
                  <input value={s.text} required maxLength={1000} onChange={(e) => update({ text: e.target.value })} />
                </label>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() =>
                    set(
                      "snippets",
                      draft.snippets.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t("coord.remove")}
                </button>
              </li>
            );
          })}
        </ul>
        <button type="button" className="button" onClick={() => set("snippets", [...draft.snippets, { key: "", lang: "nl", text: "" }])}>
          {t("coord.loc.addSnippet")}
        </button>
      </fieldset>

      <div className="form-actions sticky-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("coord.save")}
        </button>
        {message}
      </div>
    </form>
  );
}

/** The opening windows of one day (or one exception date): "closed" when there are none. */
function Windows({ windows, dayLabel, onChange }: { windows: Window[]; dayLabel: string; onChange(next: Window[]): void }) {
  const { t } = useI18n();
  const update = (i: number, next: Partial<Window>) => onChange(windows.map((w, j) => (j === i ? { ...w, ...next } : w)));
  return (
    <span className="windows">
      {windows.length === 0 && <span className="muted">{t("coord.loc.closedDay")}</span>}
      {windows.map((w, i) => (
        <span key={i} className="window">
          <input
            type="time"
            aria-label={`${dayLabel} ${t("coord.loc.from")}`}
            value={w.start}
            required
            onChange={(e) => update(i, { start: e.target.value })}
          />
          –{/* 24:00 cannot be typed into a time input: midnight at the end is shown as 23:59 and stored as 24:00. */}
          <input
            type="time"
            aria-label={`${dayLabel} ${t("coord.loc.to")}`}
            value={w.end === "24:00" ? "23:59" : w.end}
            required
            onChange={(e) => update(i, { end: e.target.value === "23:59" || e.target.value === "00:00" ? "24:00" : e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t("coord.loc.removeWindow", { from: w.start, to: w.end })}
            onClick={() => onChange(windows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="icon-button"
        aria-label={t("coord.loc.addWindow", { day: dayLabel })}
        onClick={() => onChange([...windows, { start: "14:00", end: "18:00" }])}
      >
        +
      </button>
    </span>
  );
}
