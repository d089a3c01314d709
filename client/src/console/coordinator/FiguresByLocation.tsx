import type { FigureSummary, FiguresReport } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { escalationCount, type FiguresFormat } from "./figuresFormat";

function LocationRow({ name, s, format }: { name: string; s: FigureSummary; format: FiguresFormat }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{s.chatsStarted}</td>
      <td>{s.chatsCompleted}</td>
      <td>{s.abandoned}</td>
      <td>{format.minutes(s.wait.p50Ms)}</td>
      <td>{escalationCount(s)}</td>
      <td>{format.mean(s.feedback.helpedMean)}</td>
      <td>{format.number(s.volunteerHours, 1)}</td>
    </tr>
  );
}

/** The main figures side by side for each location in the report (shown when there are several). */
export function FiguresByLocation({ report, format }: { report: FiguresReport; format: FiguresFormat }) {
  const { t } = useI18n();
  const nameOf = (id: string) => format.locationName(report.locations.find((l) => l.id === id) ?? { id, name: id });
  return (
    <section aria-labelledby="figures-loc">
      <h2 id="figures-loc">{t("figures.perLocation")}</h2>
      <table className="figures-grid-table">
        <thead>
          <tr>
            <th scope="col">{t("figures.col.location")}</th>
            <th scope="col">{t("figures.col.started")}</th>
            <th scope="col">{t("figures.col.completed")}</th>
            <th scope="col">{t("figures.col.abandoned")}</th>
            <th scope="col">{t("figures.col.wait")}</th>
            <th scope="col">{t("figures.col.escalations")}</th>
            <th scope="col">{t("figures.col.feedback")}</th>
            <th scope="col">{t("figures.col.volunteerHours")}</th>
          </tr>
        </thead>
        <tbody>
          {report.byLocation.map(({ locationId, summary }) => (
            <LocationRow key={locationId} name={nameOf(locationId)} s={summary} format={format} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
