// A citation as the chronology shows it: its pin cite, linked to the viewer at its page with its
// quote highlighted, the quote itself, and whether it still verifies (in words, not only colour).
// The link names the event it cites for, so the viewer's "Cite for event" offers that event first.

import type { TimelineCitation } from "../../lib/backend";
import { documentHref } from "../../app/links";

export function CitationLink({ citation, event }: { citation: TimelineCitation; event: number }) {
  const href = documentHref(citation.doc, { page: citation.page, quote: citation.quote, event });
  return (
    <span class={`citation relation-${citation.relation}`}>
      <span class="relation">{citation.relation}</span>{" "}
      <a href={href} class="citation-link">
        {citation.pin_cite}
      </a>
      {citation.quote !== null && <q class="citation-quote">{citation.quote}</q>}{" "}
      {citation.verified ? (
        <span class="verified">✓ verifies</span>
      ) : (
        <span class="unverified" title={citation.problem ?? undefined}>
          ⚠ does not verify{citation.problem !== null ? `: ${citation.problem}` : ""}
        </span>
      )}
    </span>
  );
}
