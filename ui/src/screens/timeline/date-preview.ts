// The event form's live reading of the date a user is typing, before anything is saved. The case
// reads it (`event` with `action: "read_date"`, the timeline crate's own parser), so the preview
// says exactly what saving will store, or the reason saving will refuse it; the UI has no date
// parser of its own to drift from the crate's.

import { useEffect, useState } from "preact/hooks";
import { BackendError, isTimelineEvent, type Backend, type DateReading } from "../../lib/backend";
import { describeSpan, spanOf } from "../../lib/time/calendar";

/** What the preview says while the date is empty. */
export const DATE_HELP =
  "Write a date: 2024-08-15, 2024-08, 2024, Q3 2024, early 2024, mid-March 2024, summer 2024, c. 2019, 2019?, before 2024-08, after 2024-08-15, between 2024-08-01 and 2024-09, 2024-07/2024-09.";

/** How long typing must pause before the case is asked, so a burst of keys is one call. */
const SETTLE_MS = 120;

/** The reading in words, as the chart and the event details word a saved event's span. */
export function describeReading(reading: DateReading): string {
  const span = spanOf(reading.span);
  return `Read as ${span === undefined ? reading.display_date : describeSpan(span)}.`;
}

/** The preview line for a draft date and end: the case's reading, or its reason for refusing. */
export function useDatePreview(backend: Backend, date: string, end: string): string {
  const [preview, setPreview] = useState(DATE_HELP);
  useEffect(() => {
    if (date.trim() === "") {
      setPreview(DATE_HELP);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      backend
        .call("event", { action: "read_date", date, ...(end.trim() !== "" ? { end } : {}) })
        .then((reading) => {
          if (current && !isTimelineEvent(reading) && "span" in reading) {
            setPreview(describeReading(reading));
          }
        })
        .catch((reason: unknown) => {
          if (current) {
            setPreview(BackendError.from(reason).message);
          }
        });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [backend, date, end]);
  return preview;
}
