import type { ServiceStatus } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { AlwaysOpenLines } from "./AlwaysOpenLines";
import { useStepFocus } from "./useStepFocus";

export function ClosedView({ status }: { status: ServiceStatus }) {
  const { t, when } = useI18n();
  const heading = useStepFocus<HTMLHeadingElement>();
  return (
    <main className="step">
      <h1 ref={heading} tabIndex={-1}>
        {t("closed.title")}
      </h1>
      {status.nextOpenAt && <p className="lead">{t("closed.nextOpen", { when: when(status.nextOpenAt) })}</p>}
      <p>{t("closed.body")}</p>
      <AlwaysOpenLines />
      <section aria-labelledby="per-location">
        <h2 id="per-location">{t("closed.perLocation")}</h2>
        <ul className="locations">
          {status.locations.map((l) => (
            <li key={l.id}>
              <strong>{l.name}</strong>:{" "}
              {l.open
                ? t("closed.locationOpen")
                : l.nextChangeAt
                  ? t("closed.locationNext", { when: when(l.nextChangeAt) })
                  : t("closed.locationUnknown")}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
