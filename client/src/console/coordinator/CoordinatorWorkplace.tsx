import { type ReactNode, useState } from "react";
import type { StaffView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { DutyReachPanel } from "../DutyReachPanel";
import { AccessPage } from "./AccessPage";
import { FiguresPage } from "./FiguresPage";
import { LocationsPage } from "./LocationsPage";
import { RosterPage } from "./RosterPage";
import { StaffPage } from "./StaffPage";

interface Page {
  key: string;
  label: MessageKey;
  render(me: StaffView): ReactNode;
}

/** Pages a coordinator switches between; each page loads its own data over the JSON API. */
const PAGES: Page[] = [
  { key: "figures", label: "figures.tab", render: (me) => <FiguresPage me={me} /> },
  { key: "locations", label: "coord.tab.locations", render: (me) => <LocationsPage me={me} /> },
  { key: "staff", label: "coord.tab.staff", render: (me) => <StaffPage me={me} /> },
  { key: "roster", label: "coord.tab.roster", render: () => <RosterPage /> },
  { key: "access", label: "access.tab", render: () => <AccessPage /> },
];

/** The coordinator's console: figures, locations, staff and roster of the locations they run. */
export function CoordinatorWorkplace({ me }: { me: StaffView }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState(PAGES[0]?.key);
  const page = PAGES.find((p) => p.key === current);
  return (
    <div className="coordinator">
      <nav className="tabs" aria-label={t("coord.nav")}>
        {PAGES.map((p) => (
          <button
            key={p.key}
            type="button"
            className="tab"
            aria-current={p.key === current ? "page" : undefined}
            onClick={() => setCurrent(p.key)}
          >
            {t(p.label)}
          </button>
        ))}
      </nav>
      <main className="coordinator-main">
        {current === "roster" && <DutyReachPanel />}
        {page?.render(me)}
      </main>
    </div>
  );
}
