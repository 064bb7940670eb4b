// The query language, as crates/search parses it, explained where the query is typed.

const EXAMPLES: [string, string][] = [
  ["opted in", "documents with both words (any form: opt, opting)"],
  ['"privacy policy"', "the exact phrase"],
  ['"AI training"~3', "the words within three words of each other"],
  ["train*", "words starting with train"],
  ["settlment~1", "words one letter away (typos)"],
  ["consent OR permission", "either word"],
  ["linkwise -settlement", "without the word settlement (also NOT)"],
  ["from:okafor", "a field: text, title, from, to, custodian, series, kind, tag, date"],
  ["date:[2024-08 TO 2024-09]", "documents dated in a range"],
];

export function QueryHelp() {
  return (
    <details class="query-help">
      <summary>Query syntax</summary>
      <table>
        <caption>Examples</caption>
        <tbody>
          {EXAMPLES.map(([query, meaning]) => (
            <tr key={query}>
              <th scope="row">
                <code>{query}</code>
              </th>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
