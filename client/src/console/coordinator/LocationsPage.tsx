import { useEffect } from "react";
import type { LocationAdminView, StaffView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useWorkplace } from "../../lib/workplace";
import { LocationEditor } from "./LocationEditor";
import { LocationSelect } from "./LocationSelect";
import { settingsOf } from "./locationDraft";
import { initialLocations, reduceLocations, selectedLocation } from "./locationsState";
import { NewLocationForm } from "./NewLocationForm";
import { useAdminSave } from "./useAdminSave";

/** Opening hours, exceptions, routing, topics and snippets of the locations this coordinator runs. */
export function LocationsPage({ me }: { me: StaffView }) {
  const { t } = useI18n();
  const [state, store] = useWorkplace(reduceLocations, () => initialLocations);
  const save = useAdminSave();

  const load = async (select?: string) => {
    const ack = await api<LocationAdminView[]>("/api/admin/locations");
    if (ack.ok) store.dispatch({ type: "loaded", locations: ack.data, select });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once when the page opens
  useEffect(() => {
    void load();
  }, []);

  if (!state.locations) return <p>{t("coord.loading")}</p>;
  const location = selectedLocation(state);
  return (
    <section className="admin" aria-labelledby="locations-title">
      <div className="admin-head">
        <h1 id="locations-title">{t("coord.tab.locations")}</h1>
        <LocationSelect
          className="inline-field"
          label={t("coord.loc.pick")}
          locations={state.locations}
          value={state.selected}
          onChange={(id) => {
            // The last save's words belong to the location it was about.
            save.clear();
            store.dispatch({ type: "select", id });
          }}
        />
        {me.manages === "all" && (
          <button type="button" className="button" onClick={() => store.dispatch({ type: "create" })}>
            {t("coord.loc.new")}
          </button>
        )}
      </div>
      {state.creating && location && (
        <NewLocationForm
          template={location}
          onDone={async (id) => {
            store.dispatch({ type: "createClosed" });
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
            if (saved) store.dispatch({ type: "saved", location: saved });
          }}
        />
      )}
    </section>
  );
}
