// What the case knows about a document: its four dates kept apart, its hash, and where it came
// from (provenance), plus the format's own metadata.

import type { DocumentView } from "../../lib/backend";
import { formatBytes } from "../../app/format";
import { documentHref } from "../../app/links";
import { WebCapture } from "./web-capture";

/** Metadata shown elsewhere (the reader view) or too long for the panel. */
const HIDDEN_META = new Set(["rendition.html"]);

export function MetadataPanel({ doc }: { doc: DocumentView }) {
  const rows: [string, string | null][] = [
    ["Kind", doc.kind],
    ["Date", doc.date],
    ["Claims to be dated", doc.claimed_date],
    ["Captured", doc.captured_at],
    ["Ingested", doc.ingested_at],
    ["Authors", doc.authors.length > 0 ? doc.authors.join("; ") : null],
    ["Published at", doc.source_url],
    ["Media type", doc.media_type],
    ["Size", formatBytes(doc.size)],
    ["Extracted by", doc.extractor],
    ["Status", doc.status_detail === null ? doc.status : `${doc.status}: ${doc.status_detail}`],
  ];
  const meta = Object.entries(doc.meta).filter(([key]) => !HIDDEN_META.has(key));
  return (
    <section class="panel metadata" aria-labelledby="metadata-heading">
      <h3 id="metadata-heading">Metadata</h3>
      <dl>
        {rows
          .filter(([, value]) => value !== null && value !== "")
          .map(([label, value]) => (
            <div key={label} class="meta-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <div class="meta-row">
          <dt>SHA-256</dt>
          <dd>
            <code class="hash">{doc.sha256}</code>
          </dd>
        </div>
        {doc.parent !== null && (
          <div class="meta-row">
            <dt>Found in</dt>
            <dd>
              <a href={documentHref(doc.parent)}>document {doc.parent}</a>
            </dd>
          </div>
        )}
      </dl>
      <h4>Provenance</h4>
      <WebCapture meta={doc.meta} timestamps={doc.timestamps} doc={doc.id} />
      <ul class="sources">
        {doc.sources.map((s) => (
          <li key={`${s.path} ${s.ingested_at}`}>
            <code>{s.path}</code>
            <br />
            <span class="muted">
              {s.custodian !== null ? `custodian ${s.custodian}, ` : ""}ingested {s.ingested_at}
            </span>
          </li>
        ))}
      </ul>
      {meta.length > 0 && (
        <details>
          <summary>Format metadata ({meta.length})</summary>
          <dl>
            {meta.map(([key, value]) => (
              <div key={key} class="meta-row">
                <dt>{key}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
