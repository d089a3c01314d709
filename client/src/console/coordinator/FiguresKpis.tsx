import type { FigureSummary } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { escalationCount, type FiguresFormat } from "./figuresFormat";

function Kpi({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="figures-kpi">
      <span className="figures-kpi-label">{label}</span>
      <strong className="figures-kpi-value">{value}</strong>
      {detail && <span className="figures-kpi-detail">{detail}</span>}
    </div>
  );
}

/** The headline numbers of the period, each with the detail that keeps it honest. */
export function FiguresKpis({ s, format }: { s: FigureSummary; format: FiguresFormat }) {
  const { t } = useI18n();
  const { number, mean, minutes } = format;
  const waited = s.chatsStarted + s.abandoned;
  return (
    <div className="figures-kpis">
      <Kpi
        label={t("figures.kpi.started")}
        value={number(s.chatsStarted)}
        detail={`${t("figures.kpi.completed")}: ${number(s.chatsCompleted)}`}
      />
      <Kpi
        label={t("figures.kpi.abandoned")}
        value={number(s.abandoned)}
        detail={waited > 0 ? t("figures.kpi.abandonedShare", { pct: number((100 * s.abandoned) / waited) }) : undefined}
      />
      <Kpi
        label={t("figures.kpi.wait")}
        value={minutes(s.wait.p50Ms)}
        detail={s.wait.p90Ms === null ? undefined : t("figures.kpi.waitP90", { value: minutes(s.wait.p90Ms) })}
      />
      <Kpi label={t("figures.kpi.duration")} value={minutes(s.duration.p50Ms)} />
      <Kpi
        label={t("figures.kpi.escalations")}
        value={number(escalationCount(s))}
        detail={t("figures.kpi.escalationsDetail", {
          consult: s.escalations.consult,
          urgent: s.escalations.urgent,
          crisis: s.escalations.crisis,
        })}
      />
      <Kpi
        label={t("figures.kpi.feedback")}
        value={mean(s.feedback.helpedMean)}
        detail={t("figures.kpi.feedbackDetail", { n: s.feedback.answers })}
      />
      <Kpi label={t("figures.kpi.returning")} value={number(s.returning)} />
      <Kpi label={t("figures.kpi.volunteerHours")} value={t("figures.hours", { n: number(s.volunteerHours, 1) })} />
      <Kpi label={t("figures.kpi.peak")} value={number(s.peakConcurrent)} />
      <Kpi
        label={t("figures.kpi.walkIns")}
        value={number(s.walkIns.count)}
        detail={t("figures.kpi.walkInsDetail", { minutes: number(s.walkIns.minutes) })}
      />
    </div>
  );
}
