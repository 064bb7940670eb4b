// The query language, as crates/search parses it, explained where the query is typed.
//
// Every example here must find documents in the sample case (`dossier demo CASE`):
// crates/cli/tests/query_help.rs reads this list and runs each one, so keep one example
// per line, as ["query", "what it matches"].

const EXAMPLES: [string, string][] = [
  ["opted in", "documents holding every word, anywhere, in any form (opt, opting); common words such as in, the, of, not count too"],
  ['"opted in"', "the words next to each other in this order: finds opted in and opting in, never opted to"],
  ['"did not say"', "the phrase word for word: never did say"],
  ['"AI training"~3', "both words in this order with at most three other words between them"],
  ["train*", "words starting with train (training, trained)"],
  ["settlment~1", "words one letter away (typos): settlement"],
  ["consent OR permission", "either word; OR binds before a space: consent OR permission linkwise also needs linkwise"],
  ["linkwise -settlement", "linkwise but not settlement (also NOT settlement)"],
  ["(consent OR permission) AND linkwise", "parentheses group; AND is what a space means"],
  ["from:okafor", "a field: text, title, from, to, custodian, series, kind, tag, date"],
  ["kind:email", "a kind of document: email, article, filing, policy, text"],
  ["date:[2024-08 TO 2024-09]", "documents dated in a range (a year, a month or a day)"],
];

export function QueryHelp() {
  return (
    <details class="query-help">
      <summary>Query syntax</summary>
      <p>
        Every word is searched, however common. Case and accents do not matter (cafe finds café), a word finds its
        other forms (opting finds opted), and punctuation is not searched (opt-in is the phrase "opt in").
      </p>
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
