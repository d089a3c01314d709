import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ConsolePlaceholder } from "./console/ConsolePlaceholder";
import { I18nProvider } from "./i18n/i18n";
import "./styles.css";
import { YouthApp } from "./youth/YouthApp";

const isConsole = window.location.pathname.startsWith("/console");

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nProvider>{isConsole ? <ConsolePlaceholder /> : <YouthApp />}</I18nProvider>
  </StrictMode>,
);
