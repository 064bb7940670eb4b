// Plain text with a quote and search terms highlighted; the first quote is scrolled into view.

import { useEffect, useRef } from "preact/hooks";
import { highlightsIn, splitRuns } from "../../lib/text/highlight";

export function HighlightedText({ text, quote, terms }: { text: string; quote: string | undefined; terms: readonly string[] }) {
  const runs = splitRuns(text, highlightsIn(text, quote, terms));
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = container.current?.querySelector("mark.quote") ?? container.current?.querySelector("mark.term");
    first?.scrollIntoView?.({ block: "center" });
  }, [text, quote, terms.join("|")]);
  return (
    <div class="plain-text" ref={container}>
      {runs.map((run, i) =>
        run.highlight === undefined ? (
          run.text
        ) : (
          <mark key={i} class={run.highlight}>
            {run.text}
          </mark>
        ),
      )}
    </div>
  );
}
