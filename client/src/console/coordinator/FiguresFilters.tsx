import { useI18n } from "../../i18n/i18n";
import type { FiguresFormat } from "./figuresFormat";
import { chosenIds, type FiguresAction, type FiguresState, isFiltered, lastMonth, thisMonth } from "./figuresState";

/** The period and the locations the figures are about. */
export function FiguresFilters({
  state,
  dispatch,
  locationName,
}: {
  state: FiguresState;
  dispatch(action: FiguresAction): void;
  locationName: FiguresFormat["locationName"];
}) {
  const { t } = useI18n();
  const { period, available } = state;
  return (
    <form className="figures-filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t("figures.from")}
        <input type="date" value={period.from} max={period.to} onChange={(e) => dispatch({ type: "from", date: e.target.value })} />
      </label>
      <label>
        {t("figures.to")}
        <input type="date" value={period.to} min={period.from} onChange={(e) => dispatch({ type: "to", date: e.target.value })} />
      </label>
      <button type="button" className="button button-quiet" onClick={() => dispatch({ type: "period", period: thisMonth(new Date()) })}>
        {t("figures.thisMonth")}
      </button>
      <button type="button" className="button button-quiet" onClick={() => dispatch({ type: "period", period: lastMonth(new Date()) })}>
        {t("figures.lastMonth")}
      </button>
      {/* One location is no choice: a location's own coordinator sees no filter. */}
      {available && available.length > 1 && (
        <fieldset className="chips">
          <legend>{t("figures.locations")}</legend>
          {available.map((l) => (
            <label key={l.id} className="chip">
              <input
                type="checkbox"
                checked={chosenIds(state).includes(l.id)}
                onChange={() => dispatch({ type: "toggleLocation", id: l.id })}
              />
              <span>{locationName(l)}</span>
            </label>
          ))}
          {isFiltered(state) && (
            <button type="button" className="link-button" onClick={() => dispatch({ type: "allLocations" })}>
              {t("figures.allLocations")}
            </button>
          )}
        </fieldset>
      )}
    </form>
  );
}
