// The case home: how many documents of each kind the case holds, the documents themselves, what
// changed lately (the audit log), and adding evidence.

import { useState } from "preact/hooks";
import { documentList, type CaseSummary, type DocListItem } from "../../lib/backend";
import { useBackend, useCase } from "../../app/context";
import { useCommand } from "../../app/use-command";
import { countOf, dayOf, formatNumber } from "../../app/format";
import { documentHref } from "../../app/links";
import { IngestPanel } from "./ingest-panel";
import { CaseActions } from "./case-actions";
import { FolderPanel } from "./folder-tree";
import { visible } from "../../lib/text/visible";

/** How many lines "Recent activity" shows. */
const RECENT_ACTIVITY = 8;

export function CaseHome() {
  const backend = useBackend();
  const { summary, refresh } = useCase();
  // Bumped after an ingest, so the lists below are asked for again.
  const [generation, setGeneration] = useState(0);
  const afterIngest = (): void => {
    setGeneration((g) => g + 1);
    void refresh();
  };
  return (
    <div class="home">
      <div class="home-columns">
        <div>
          <Counts summary={summary} />
          <DocumentList generation={generation} />
        </div>
        <div>
          <IngestPanel onIngested={afterIngest} />
          <FolderPanel generation={generation} />
          <RecentActivity generation={generation} />
          {backend.desktop !== undefined && (
            <CaseActions desktop={backend.desktop} onSwitched={() => window.location.reload()} />
          )}
        </div>
      </div>
    </div>
  );
}

function Counts({ summary }: { summary: CaseSummary }) {
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <p class="document-count">{countOf(summary.documents, "document", "documents")}</p>
      {summary.by_kind.length === 0 ? (
        <p>No documents yet.</p>
      ) : (
        <table class="kinds">
          <caption>Documents by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Count</th>
            </tr>
          </thead>
          <tbody>
            {summary.by_kind.map(({ kind, count }) => (
              <tr key={kind}>
                <th scope="row">{kind}</th>
                <td>{formatNumber(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DocumentList({ generation }: { generation: number }) {
  const docs = useCommand("docs", {}, `docs ${generation}`);
  if (docs.status !== "done") {
    return docs.status === "failed" ? <p role="alert">Cannot list the documents: {docs.error.message}</p> : null;
  }
  // Children (messages of a mailbox, attachments) are listed under their container.
  const all = documentList(docs.output);
  const top = all.filter((d) => d.parent === null);
  const childrenOf = (id: number): DocListItem[] => all.filter((d) => d.parent === id);
  return (
    <section aria-labelledby="doc-list-heading">
      <h2 id="doc-list-heading">All documents</h2>
      <ul class="doc-list">
        {top.map((d) => (
          <DocumentLine key={d.id} doc={d} childDocs={childrenOf(d.id)} />
        ))}
      </ul>
    </section>
  );
}

function DocumentLine({ doc, childDocs }: { doc: DocListItem; childDocs: DocListItem[] }) {
  return (
    <li>
      <a href={documentHref(doc.id)}>{visible(doc.title ?? `Document ${doc.id}`)}</a> <span class="kind-badge">{doc.kind}</span>{" "}
      <span class="muted">{dayOf(doc.date)}</span>
      {childDocs.length > 0 && (
        <ul>
          {childDocs.map((c) => (
            <li key={c.id}>
              <a href={documentHref(c.id)}>{visible(c.title ?? `Document ${c.id}`)}</a>{" "}
              <span class="muted">{dayOf(c.date)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The latest activity in words ("Cited “Complaint”, p. 5, for …"), a run of similar changes as
 * one line ("Tagged 5,246 documents privileged"), the audit record on hover.
 */
export function RecentActivity({ generation }: { generation: number }) {
  const activity = useCommand("activity", { limit: RECENT_ACTIVITY }, `activity ${generation}`);
  if (activity.status !== "done") {
    return null;
  }
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Recent activity</h2>
      <ol class="activity">
        {activity.output.map((line) => (
          <li key={line.last_seq}>
            <time dateTime={line.at}>{line.at.slice(0, 16).replace("T", " ")}</time>{" "}
            <span title={line.count > 1 ? `${line.count} audit rows, ${line.first_seq} to ${line.last_seq} (${line.action})` : `${line.action} ${line.target}`}>
              {line.summary_text}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
