import { useEffect, useRef } from "react";

/** The first step after page load keeps the browser's natural focus; later steps take it. */
let pageJustLoaded = true;

/** Moves focus to a step's heading when the step appears, so keyboard and screen-reader users follow. */
export function useStepFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (pageJustLoaded) {
      pageJustLoaded = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return ref;
}
