import { useEffect } from "react";
import type { FiguresReport, StaffView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { errorText } from "../../lib/errorText";
import { useWorkplace } from "../../lib/workplace";
import { FiguresByLocation } from "./FiguresByLocation";
import { FiguresRanking } from "./FiguresCharts";
import { FiguresFilters } from "./FiguresFilters";
import { FiguresKpis } from "./FiguresKpis";
import { EscalationsPanel, RiskPanel } from "./FiguresPanels";
import { PerDayChart, PerHourChart, WaitChart } from "./FiguresTimeCharts";
import { type FiguresFormat, figuresFormat, ranked } from "./figuresFormat";
import { figuresQuery, initialFigures, reduceFigures } from "./figuresState";

/**
 * The anonymous figures of the locations this coordinator runs: a period (default this month), a
 * location filter (default all of mine), headline numbers, charts with tables, and the CSV export.
 */
// Which locations `me` runs is the server's call (its answer lists them); the page only filters within.
export function FiguresPage(_props: { me: StaffView }) {
  const { t, lang } = useI18n();
  const [state, store] = useWorkplace(reduceFigures, () => initialFigures(new Date()));
  const query = figuresQuery(state);

  // biome-ignore lint/correctness/useExhaustiveDependencies: t only words an error; a language switch need not fetch the figures again
  useEffect(() => {
    let current = true;
    void api<FiguresReport>(`/api/figures?${query}`).then((ack) => {
      // An answer to a period or filter the coordinator has since left would overwrite the newer one.
      if (!current) return;
      store.dispatch(ack.ok ? { type: "loaded", report: ack.data } : { type: "failed", error: errorText(t, ack) });
    });
    return () => {
      current = false;
    };
  }, [query]);

  const format = figuresFormat(t, lang);
  const { report, error } = state;
  return (
    <section className="figures" aria-labelledby="figures-title">
      <div className="admin-head">
        <h1 id="figures-title">{t("figures.title")}</h1>
        <a className="button button-primary" href={`/api/figures.csv?${query}`} download>
          {t("figures.download")}
        </a>
      </div>
      <p className="muted">{t("figures.intro")}</p>
      <FiguresFilters state={state} dispatch={store.dispatch} locationName={format.locationName} />
      {error && (
        <p className="notice" role="alert">
          {t("figures.error", { message: error })}
        </p>
      )}
      {!report && !error && <p>{t("figures.loading")}</p>}
      {report && <FiguresBody report={report} format={format} />}
    </section>
  );
}

function FiguresBody({ report, format }: { report: FiguresReport; format: FiguresFormat }) {
  const { t } = useI18n();
  const s = report.total;
  return (
    <>
      <FiguresKpis s={s} format={format} />
      <div className="figures-charts">
        <PerDayChart report={report} format={format} />
        <WaitChart report={report} format={format} />
        <PerHourChart report={report} />
        <EscalationsPanel report={report} minutes={format.minutes} />
        <RiskPanel report={report} />
      </div>
      <div className="figures-rankings">
        <FiguresRanking title={t("figures.chart.topics")} items={ranked(s.topics, format.topicLabel)} />
        <FiguresRanking title={t("figures.chart.referrals")} items={ranked(s.referrals, format.referralLabel)} />
        <FiguresRanking title={t("figures.chart.walkInTopics")} items={ranked(s.walkIns.topics, format.topicLabel)} />
      </div>
      {report.byLocation.length > 1 && <FiguresByLocation report={report} format={format} />}
    </>
  );
}
