import { useI18n } from "../i18n/i18n";

/** 113, De Kindertelefoon and 112 as tappable links: shown when closed, when waiting long, at goodbye. */
export function AlwaysOpenLines() {
  const { t } = useI18n();
  const lines = [
    { name: t("lines.113"), detail: t("lines.113.detail"), numbers: [["113", "113"], ["08000113", "0800-0113"]] },
    { name: t("lines.kt"), detail: t("lines.kt.detail"), numbers: [["08000432", "0800-0432"]] },
    { name: t("lines.112"), detail: t("lines.112.detail"), numbers: [["112", "112"]] },
  ];
  return (
    <section className="lines" aria-labelledby="lines-title">
      <h2 id="lines-title">{t("lines.title")}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line.name} className="line">
            <strong>{line.name}</strong>
            <span className="line-detail">{line.detail}</span>
            <span className="line-numbers">
              {line.numbers.map(([tel, label]) => (
                <a key={tel} className="button button-tel" href={`tel:${tel}`}>
                  {label}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
