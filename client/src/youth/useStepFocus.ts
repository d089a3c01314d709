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
    // Someone typing keeps their place: a volunteer picking them up must not steal the cursor.
    const typing = document.activeElement instanceof HTMLTextAreaElement || document.activeElement instanceof HTMLInputElement;
    if (!typing) ref.current?.focus();
  }, []);
  return ref;
}
