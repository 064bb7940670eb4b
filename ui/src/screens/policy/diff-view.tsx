// Two versions of a policy compared word by word, inline or side by side. Removed words are struck
// through and added words underlined, each also announced in words ("removed", "added") so that
// neither colour nor strike-through is the only signal.

import type { DiffHunk, PolicyDiffOutput } from "./commands";
import { diffCounts, sideBySide } from "./diff-model";

export type DiffLayout = "inline" | "side";

/** A version as the diff names it: its number in the series, when first captured, what it claims. */
export type VersionNamer = (version: PolicyDiffOutput["from"]) => string;

const byCapture: VersionNamer = (v) => `the version captured ${v.captured.slice(0, 10)}${v.claimed_date !== null ? `, claims ${v.claimed_date}` : ""} (document ${v.doc})`;

export function DiffView({ diff, layout, name = byCapture }: { diff: PolicyDiffOutput; layout: DiffLayout; name?: VersionNamer }) {
  const counts = diffCounts(diff.hunks);
  return (
    <div class="diff">
      <p class="diff-summary">
        From {name(diff.from)} to {name(diff.to)}:{" "}
        {counts.hunks === 0 ? "the wording is the same." : `${counts.removedWords} words removed and ${counts.addedWords} added, in ${counts.hunks === 1 ? "1 place" : `${counts.hunks} places`}.`}
      </p>
      {layout === "inline" ? (
        <ol class="hunks inline">
          {diff.hunks.map((h) => (
            <li key={`${h.old_start}-${h.new_start}`}>
              <InlineHunk hunk={h} />
            </li>
          ))}
        </ol>
      ) : (
        diff.hunks.map((h, i) => <SideBySideHunk key={`${h.old_start}-${h.new_start}`} hunk={h} index={i} from={name(diff.from)} to={name(diff.to)} />)
      )}
    </div>
  );
}

function InlineHunk({ hunk }: { hunk: DiffHunk }) {
  return (
    <p class="hunk-text">
      {hunk.segments.map((s, i) =>
        s.op === "equal" ? (
          <span key={i}>{s.text} </span>
        ) : s.op === "removed" ? (
          <>
            <del key={i}>
              <span class="visually-hidden">[removed: </span>
              {s.text}
              <span class="visually-hidden">]</span>
            </del>{" "}
          </>
        ) : (
          <>
            <ins key={i}>
              <span class="visually-hidden">[added: </span>
              {s.text}
              <span class="visually-hidden">]</span>
            </ins>{" "}
          </>
        ),
      )}
    </p>
  );
}

function SideBySideHunk({ hunk, index, from, to }: { hunk: DiffHunk; index: number; from: string; to: string }) {
  return (
    <table class="side-by-side">
      <caption class="visually-hidden">Change {index + 1}, side by side</caption>
      <thead>
        <tr>
          <th scope="col">Before: {from}</th>
          <th scope="col">After: {to}</th>
        </tr>
      </thead>
      <tbody>
        {sideBySide(hunk).map((row, i) =>
          row.kind === "equal" ? (
            <tr key={i} class="context">
              <td>{row.old}</td>
              <td>{row.new}</td>
            </tr>
          ) : (
            <tr key={i} class="change">
              <td>{row.old === "" ? <span class="muted">(nothing)</span> : <del><span class="visually-hidden">[removed: </span>{row.old}<span class="visually-hidden">]</span></del>}</td>
              <td>{row.new === "" ? <span class="muted">(nothing)</span> : <ins><span class="visually-hidden">[added: </span>{row.new}<span class="visually-hidden">]</span></ins>}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
