import { useI18n } from "../i18n/i18n";
import { HELPLINES } from "./helplines";

/** 113, De Kindertelefoon and 112 as tappable links (and their chats): shown when closed, when waiting long, at the end. */
export function AlwaysOpenLines() {
  const { t } = useI18n();
  const lines = [
    {
      name: t("lines.113"),
      detail: t("lines.113.detail"),
      numbers: [HELPLINES.suicide113, HELPLINES.suicide113Free],
      chat: { href: HELPLINES.chat113, label: t("lines.chat113") },
    },
    {
      name: t("lines.kt"),
      detail: t("lines.kt.detail"),
      numbers: [HELPLINES.kindertelefoon],
      chat: { href: HELPLINES.chatKindertelefoon, label: t("lines.chatKt") },
    },
    { name: t("lines.112"), detail: t("lines.112.detail"), numbers: [HELPLINES.emergency] },
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
              {line.numbers.map(({ tel, label }) => (
                <a key={tel} className="button button-tel" href={`tel:${tel}`}>
                  {label}
                </a>
              ))}
              {line.chat && (
                <a className="button button-tel" href={line.chat.href} target="_blank" rel="noopener noreferrer">
                  {line.chat.label}
                </a>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
