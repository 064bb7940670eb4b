// An email: its headers, its body, its attachments (the documents extracted from it), and the
// thread it belongs to.

import { useEffect, useState } from "preact/hooks";
import type { DocumentView } from "../../lib/backend";
import { useBackend } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { dayOf } from "../../app/format";
import { documentHref } from "../../app/links";
import { HighlightedText } from "./highlighted-text";
import { visible } from "../../lib/text/visible";

const HEADERS: [string, string][] = [
  ["from", "From"],
  ["to", "To"],
  ["cc", "Cc"],
  ["bcc", "Bcc"],
  ["reply_to", "Reply-To"],
  ["date", "Date"],
];

export function EmailView({ doc, quote, terms }: { doc: DocumentView; quote: string | undefined; terms: readonly string[] }) {
  return (
    <div class="email">
      <dl class="email-headers">
        <dt>Subject</dt>
        <dd>{visible(doc.title ?? "(no subject)")}</dd>
        {HEADERS.filter(([key]) => doc.meta[key] !== undefined).map(([key, label]) => (
          <>
            <dt key={`${key}-label`}>{label}</dt>
            <dd key={key}>{visible(doc.meta[key] ?? "")}</dd>
          </>
        ))}
      </dl>
      <div class="email-body">
        <HighlightedText text={doc.text ?? ""} quote={quote} terms={terms} />
      </div>
      <Attachments doc={doc} />
      <Thread doc={doc.id} />
    </div>
  );
}

/** How many attachments an email lists (each is one `show`; a mailbox's messages are not attachments). */
const ATTACHMENTS_SHOWN = 50;

function Attachments({ doc }: { doc: DocumentView }) {
  const backend = useBackend();
  const [attachments, setAttachments] = useState<DocumentView[] | undefined>();
  useEffect(() => {
    let current = true;
    const wanted = doc.children.slice(0, ATTACHMENTS_SHOWN);
    void Promise.all(wanted.map((child) => backend.call("show", { doc: child }))).then(
      (shown) => current && setAttachments(shown),
      () => current && setAttachments([]),
    );
    return () => {
      current = false;
    };
  }, [backend, doc.id]);
  if (doc.children.length === 0 || attachments === undefined) {
    return null;
  }
  return (
    <section class="attachments" aria-labelledby="attachments-heading">
      <h3 id="attachments-heading">Attachments</h3>
      <ul>
        {attachments.map((a) => (
          <li key={a.id}>
            <a href={documentHref(a.id)}>{visible(a.title ?? `Document ${a.id}`)}</a> <span class="kind-badge">{a.kind}</span>
          </li>
        ))}
      </ul>
      {doc.children.length > attachments.length && <p class="muted">and {doc.children.length - attachments.length} more</p>}
    </section>
  );
}

function Thread({ doc }: { doc: number }) {
  const thread = useCommand("thread", { doc }, `thread of ${doc}`);
  if (thread.status !== "done" || thread.output.messages.length < 2) {
    return null;
  }
  const messages = thread.output.messages;
  const depth = (id: number): number => {
    let d = 0;
    let parent = messages.find((m) => m.id === id)?.parent ?? null;
    while (parent !== null && d < 20) {
      d++;
      const p = parent;
      parent = messages.find((m) => m.id === p)?.parent ?? null;
    }
    return d;
  };
  return (
    <section class="thread" aria-labelledby="thread-heading">
      <h3 id="thread-heading">Thread ({messages.length} messages)</h3>
      <ol>
        {messages.map((m) => (
          <li key={m.id} style={{ marginInlineStart: `${depth(m.id)}rem` }}>
            {m.id === doc ? (
              <strong aria-current="page">{visible(m.subject ?? "(no subject)")}</strong>
            ) : (
              <a href={documentHref(m.id)}>{visible(m.subject ?? "(no subject)")}</a>
            )}{" "}
            <span class="muted">
              {visible(m.from ?? "")} · {dayOf(m.date)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
