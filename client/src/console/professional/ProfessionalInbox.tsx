import { useState } from "react";
import { ESCALATION_REFERRALS, type EscalationView, LIMITS, type LocationView } from "../../../../shared/protocol";
import { riskSignalEn, riskSignalNl } from "../../i18n/areas/risk";
import { useI18n } from "../../i18n/i18n";
import { useNow } from "../useNow";
import { type Actions, locationName, minutesSince, type Report } from "./actions";
import { type InboxItem, type ProfessionalState, sortedInbox } from "./state";

export function Inbox({
  state,
  locations,
  actions,
  report,
}: {
  state: ProfessionalState;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}) {
  const { t } = useI18n();
  const items = sortedInbox(state);
  return (
    <section className="panel" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t("professional.inbox", { n: items.length })}</h2>
      {items.length === 0 && <p className="muted">{t("professional.inbox.empty")}</p>}
      <ul className="inbox">
        {items.map((item) => (
          <InboxEntry key={item.id} item={item} me={state.held.staff?.id} locations={locations} actions={actions} report={report} />
        ))}
      </ul>
    </section>
  );
}

/** One inbox item; each kind draws itself. */
function InboxEntry({
  item,
  me,
  locations,
  actions,
  report,
}: {
  item: InboxItem;
  me?: string;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}) {
  switch (item.kind) {
    case "escalation":
      return (
        <EscalationItem
          e={item.escalation}
          mine={item.escalation.claimedBy === me}
          locations={locations}
          actions={actions}
          report={report}
        />
      );
  }
}

/** Who is it about (as far as the youth shared), where are they now, and with whom. */
function whoAndWhere(e: EscalationView, t: ReturnType<typeof useI18n>["t"]): string {
  const a = e.about;
  if (!a) return "";
  const who = [a.nickname ?? t("professional.about.anonymous"), a.ageBand && t(`age.${a.ageBand}`), a.topic && t(`topic.${a.topic}`)]
    .filter(Boolean)
    .join(" · ");
  const where =
    a.status === "queued"
      ? t(a.disconnected ? "professional.about.waitingGone" : "professional.about.waiting")
      : a.status === "active"
        ? t(a.holderRole === "professional" ? "professional.about.chatProfessional" : "professional.about.chat", {
            name: a.holderName ?? "",
          })
        : t("professional.about.ended");
  return `${who} — ${where}`;
}

interface EscalationItemProps {
  e: EscalationView;
  mine: boolean;
  locations: LocationView[];
  actions: Actions;
  report: Report;
}

/** One escalation in the inbox: who and where, the signals in words, and what she can do with it. */
function EscalationItem({ e, mine, locations, actions, report }: EscalationItemProps) {
  const { t, lang } = useI18n();
  const now = useNow(5_000);
  const [outcome, setOutcome] = useState("");
  const [referral, setReferral] = useState<(typeof ESCALATION_REFERRALS)[number]>("none");
  const words = lang === "nl" ? riskSignalNl : riskSignalEn;
  // Only signals the catalogue knows are shown: a raw id never reaches the screen.
  const signals = (e.signals ?? []).flatMap((s) => (s in words ? [words[s as keyof typeof words]] : []));
  const where = locationName(locations, e.about?.locationChoice ?? e.locationId, t("professional.about.any"));
  const queued = e.about?.status === "queued";
  return (
    <li className={`inbox-item level-${e.level}`}>
      <p>
        <strong className={`level level-${e.level}`}>{t(`console.escalate.${e.level}`)}</strong> · {t(`professional.source.${e.source}`)} ·{" "}
        {where} · {t("professional.signal", { minutes: minutesSince(now, e.signalAt ?? e.raisedAt) })}
        {e.raisedByName && ` · ${e.raisedByName}`}
        {e.status === "claimed" && ` · ${t("professional.claimedBy", { name: e.claimedByName ?? "" })}`}
        {e.status === "open" && e.offeredToName && ` · ${t("professional.offeredTo", { name: e.offeredToName })}`}
        {e.unroutedAt !== undefined && e.status === "open" && <span className="badge">{t("professional.unrouted")}</span>}
      </p>
      {e.about && <p className="who">{whoAndWhere(e, t)}</p>}
      {signals.length > 0 && <p className="signals">{t("professional.signals", { list: signals.join(", ") })}</p>}
      {e.note && e.source !== "risk" && <p className="muted">{e.note}</p>}
      <div className="actions">
        {e.status === "open" && (
          <button type="button" className="button button-danger" onClick={() => void actions.claim(e.id).then(report)}>
            {t("professional.claim")}
          </button>
        )}
        {e.conversationId && queued && (e.status === "open" || mine) && (
          <button
            type="button"
            className="button button-primary"
            disabled={e.about?.disconnected}
            onClick={() => void actions.takeFromQueue(e.conversationId!).then(report)}
          >
            {t("professional.queue.take")}
          </button>
        )}
        {e.conversationId && !queued && e.about?.status === "active" && (e.status === "open" || mine) && (
          <button type="button" className="button" onClick={() => void actions.watch(e.conversationId!).then(report)}>
            {t("professional.watch")}
          </button>
        )}
      </div>
      {mine && e.status === "claimed" && (
        <form
          className="resolve"
          onSubmit={(ev) => {
            ev.preventDefault();
            if (outcome.trim()) void actions.resolve(e.id, outcome.trim(), referral).then(report);
          }}
        >
          <label htmlFor={`outcome-${e.id}`}>{t("professional.outcome")}</label>
          <input id={`outcome-${e.id}`} maxLength={LIMITS.noteChars} value={outcome} onChange={(ev) => setOutcome(ev.target.value)} />
          <div className="chips" role="radiogroup" aria-label={t("professional.referral")}>
            {ESCALATION_REFERRALS.map((r) => (
              <label key={r} className="chip">
                <input type="radio" name={`ref-${e.id}`} checked={referral === r} onChange={() => setReferral(r)} />
                <span>{t(`professional.referral.${r}`)}</span>
              </label>
            ))}
          </div>
          <button type="submit" className="button button-primary" disabled={!outcome.trim()}>
            {t("professional.resolve")}
          </button>
        </form>
      )}
    </li>
  );
}
