// A web capture's provenance (a page taken out of a WARC, ARC or WACZ): where and when it was
// captured, the archive record it is, and whether the archive's own digests verified, said in
// words at the top of the provenance, since that is what a court or a reader asks first; and
// the trusted (RFC 3161) timestamps of the original, for any document.

import type { TimestampView } from "../../lib/backend/types";

/** A document's trusted timestamps in words: "Timestamped by X at T", or a request pending. */
export function timestampLines(timestamps: TimestampView[], doc?: number): string[] {
  return timestamps.map((t) => {
    const of = doc !== undefined && t.doc !== doc ? ` (its archive, document ${t.doc})` : "";
    return t.gen_time !== null
      ? `Timestamped by ${t.tsa ?? "an unnamed authority"} at ${t.gen_time}${of} (RFC 3161, serial ${t.serial ?? "?"})`
      : `Trusted timestamp requested at ${t.requested_at}${of}; the authority's answer is not imported yet`;
  });
}

/** The provenance of a web capture read from its `warc.*` metadata; null for other documents. */
export function webCapture(meta: Record<string, string>): string[] | null {
  const record = meta["warc.record_id"];
  const type = meta["warc.type"];
  if (record === undefined && type === undefined) return null;
  const lines = [`Archived ${meta["warc.format"] === "arc" ? "ARC" : "WARC"} ${type ?? "record"}${record !== undefined ? ` ${record}` : ""}`];
  const check = meta["warc.digest_check"];
  if (check === "pass") lines.push("The archive's digests verify: the bytes are those the archive recorded.");
  else if (check === "FAIL") lines.push("WARNING: a digest the archive declares does not match its bytes.");
  else if (check !== undefined) lines.push(`Digests: ${check}.`);
  if (meta["warc.http_status"] !== undefined) lines.push(`HTTP status ${meta["warc.http_status"]}`);
  if (meta["warc.request"] !== undefined) lines.push(`Request: ${meta["warc.request"]}`);
  if (meta["warc.software"] !== undefined) lines.push(`Captured with ${meta["warc.software"]}`);
  if (meta["warc.block_sha256"] !== undefined) lines.push(`Record SHA-256 ${meta["warc.block_sha256"]}`);
  return lines;
}

export function WebCapture({
  meta,
  timestamps = [],
  doc,
}: {
  meta: Record<string, string>;
  timestamps?: TimestampView[];
  doc?: number;
}) {
  const lines = [...(webCapture(meta) ?? []), ...timestampLines(timestamps, doc)];
  if (lines.length === 0) return null;
  return (
    <ul class="web-capture">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
