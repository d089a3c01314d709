import type { FiguresReport } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { type FiguresFormat, recallText } from "./figuresFormat";

const LEVELS = ["consult", "urgent", "crisis"] as const;

/** Escalations per level and how long they waited for a professional to claim them. */
export function EscalationsPanel({ report, minutes }: { report: FiguresReport; minutes: FiguresFormat["minutes"] }) {
  const { t } = useI18n();
  const s = report.total;
  return (
    <section className="figures-panel" aria-labelledby="figures-esc">
      <h2 id="figures-esc">{t("figures.escalations")}</h2>
      <table className="figures-grid-table">
        <thead>
          <tr>
            <th scope="col">{t("figures.col.level")}</th>
            <th scope="col">{t("figures.col.count")}</th>
            <th scope="col">{t("figures.col.claimP50")}</th>
            <th scope="col">{t("figures.col.claimP90")}</th>
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((level) => (
            <tr key={level}>
              <th scope="row">{t(`figures.level.${level}`)}</th>
              <td>{s.escalations[level]}</td>
              <td>{minutes(s.timeToClaim[level].p50Ms)}</td>
              <td>{minutes(s.timeToClaim[level].p90Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("figures.unrouted", { n: s.unrouted, debriefs: s.debriefs })}</p>
    </section>
  );
}

/** The risk scorer against the volunteers' own judgement, per month: how often they agreed. */
export function RiskPanel({ report }: { report: FiguresReport }) {
  const { t } = useI18n();
  return (
    <section className="figures-panel figures-wide" aria-labelledby="figures-risk">
      <h2 id="figures-risk">{t("figures.risk.title")}</h2>
      <div className="figures-scroll">
        <table className="figures-grid-table">
          <thead>
            <tr>
              <th scope="col">{t("figures.risk.month")}</th>
              <th scope="col">{t("figures.risk.judged")}</th>
              <th scope="col">{t("figures.risk.volunteerHigh")}</th>
              <th scope="col">{t("figures.risk.bothHigh")}</th>
              <th scope="col">{t("figures.risk.recall")}</th>
              <th scope="col">{t("figures.risk.falseAlarm")}</th>
            </tr>
          </thead>
          <tbody>
            {report.riskByMonth.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td>{m.judged}</td>
                <td>{m.volunteerHigh}</td>
                <td>{m.bothHigh}</td>
                <td>{recallText(m, t("figures.none"))}</td>
                <td>{m.scorerHighVolunteerNone}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("figures.risk.note")}</p>
    </section>
  );
}
