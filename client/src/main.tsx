// First: it configures zod before any protocol schema is created (no eval under the CSP).
import "./lib/zodJitless";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider } from "./i18n/i18n";
import "./styles.css";
import { YouthApp } from "./youth/YouthApp";

// Staff code is loaded only on /console, so a youth's phone downloads none of it.
const ConsoleApp = lazy(() => import("./console/ConsoleApp"));
const isConsole = window.location.pathname.startsWith("/console");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>
      {isConsole ? (
        <Suspense fallback={null}>
          <ConsoleApp />
        </Suspense>
      ) : (
        <YouthApp />
      )}
    </I18nProvider>
  </StrictMode>,
);
