//! The query language: from what a user types to a tantivy query, plus the terms to
//! highlight.
//!
//! The syntax is tantivy's grammar (words, `"phrases"`, `"a b"~5`, `AND`/`OR`/`NOT`, `+`/`-`,
//! `field:value`, `field:[a TO b]`, parentheses), read into its syntax tree and turned into
//! queries here, so that the meaning is ours: a bare `word*` is a prefix, a bare `word~1` a
//! fuzzy match, `date:` takes ISO dates of any precision, and every value goes through the
//! same analyzer as the text (accents folded, `opt-in` a phrase, CJK runs phrases).

use std::collections::BTreeSet;
use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{
    Delimiter, Occur as UserOccur, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use crate::documents;
use crate::prefix::PrefixQuery;
use crate::schema::Fields;
use crate::tags::DocumentTags;
use crate::tokenizer::{MAX_TOKEN_BYTES, analyzer, analyzer_unstemmed, tokens};
use crate::{SearchError, dates};

/// How words with no operator between them combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DefaultOperator {
    /// Every word must match (what people expect of a search box).
    #[default]
    And,
    /// Any word may match, ranked by how many and how rare (best for long questions).
    Or,
}

/// Field names a query may use, for error messages.
const FIELD_NAMES: &str = "text, title, from, to, custodian, series, kind, tag, date";
/// The most edits a fuzzy term may allow.
const MAX_FUZZY_DISTANCE: u8 = 2;
/// How much a match in the title counts, relative to one in the text. Chosen among 0.5, 1.0
/// and 1.5 on the Cranfield and CISI runs of `benches/search_quality.rs` (0.5 was best on both).
const TITLE_BOOST: f32 = 0.5;

/// English function words, sorted: what a question is phrased with rather than about.
/// Used only to weigh a ranked question's words ([`Builder::question_weight`]); every word is
/// indexed and matched.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "both", "but", "by", "can", "could", "did", "do", "does", "each", "for", "from", "had", "has",
    "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "me", "more", "most", "my", "no", "nor", "not", "of", "on", "once", "only", "or",
    "other", "our", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "upon", "us",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose",
    "why", "will", "with", "would", "you", "your",
];
/// What a function word counts in a ranked question, relative to any other word.
const FUNCTION_WORD_WEIGHT: f32 = 0.1;

/// A term that matches by automaton, to be expanded against the index for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LooseTerm {
    /// The analyzed term.
    pub text: String,
    /// Edits allowed (0 for a pure prefix).
    pub distance: u8,
    /// Whether any continuation matches.
    pub prefix: bool,
}

/// A parsed query with what its snippets should highlight.
pub struct ParsedQuery {
    /// The query to run.
    pub query: Box<dyn Query>,
    /// Exact terms of the text field to highlight.
    pub terms: BTreeSet<String>,
    /// Prefix and fuzzy terms of the text field, to expand before highlighting.
    pub loose: Vec<LooseTerm>,
    /// Whether matching needs word positions (a phrase, a proximity or a prefix phrase).
    pub positional: bool,
    /// Whether some part matches a set of words found in the dictionary (a prefix or a fuzzy
    /// term, in any field). Such a part scores every match alike, so ranking cannot skip any.
    pub expanding: bool,
}

/// Parses `text` into a query over `fields`, reading `tag:` from the case's `tags`.
pub fn parse(
    text: &str,
    fields: &Fields,
    tags: &DocumentTags,
    op: DefaultOperator,
) -> Result<ParsedQuery, SearchError> {
    check_shape(text)?;
    let ast = tantivy::query_grammar::parse_query(text).map_err(|_| {
        let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
        let detail = errors
            .first()
            .map(|e| format!("{} at character {}", e.message, e.pos + 1))
            .unwrap_or_else(|| "check quotes, brackets and parentheses".into());
        SearchError::InvalidQuery(format!(
            "cannot read the query {:?}: {detail}",
            Abridged(text)
        ))
    })?;
    let mut builder = Builder {
        fields,
        tags,
        op,
        stemmed: analyzer(),
        unstemmed: analyzer_unstemmed(),
        terms: BTreeSet::new(),
        loose: Vec::new(),
        positional: false,
        expanding: false,
        words: text.split_whitespace().collect(),
    };
    let query = builder.ast(&ast)?;
    Ok(ParsedQuery {
        query,
        terms: builder.terms,
        loose: builder.loose,
        positional: builder.positional,
        expanding: builder.expanding,
    })
}

/// The longest query accepted, in characters: far beyond any query a person types or pastes
/// (a list of a few hundred names), short enough that reading it stays quick. tantivy's
/// grammar takes time that grows faster than a query's length on malformed input (found by
/// `dossier-fuzz`: 4,000 characters took 0.25 s and 9,800 took 6 s in a debug build), so
/// the bound is what keeps one request from holding a thread for seconds. Longer lists of
/// terms belong in a batch search, one query per line.
pub const MAX_QUERY_CHARS: usize = 4_000;

/// The deepest nesting of parentheses accepted. The grammar and everything after it (the
/// syntax tree, the query built from it, tantivy's scorers) recurse once per level, so an
/// unbounded depth is an unbounded stack: 800 `(` overflowed a server thread's stack and
/// took the whole server down. No real query needs more than a handful of levels.
pub const MAX_QUERY_NESTING: usize = 32;

/// Refuses, before any parser sees it, a query whose size or nesting could exhaust the
/// stack or take unbounded time: the one place every query's shape is checked, so that any
/// string a user can type gives hits or an `invalid_query` error, never a crash.
fn check_shape(text: &str) -> Result<(), SearchError> {
    if text.trim().is_empty() {
        return Err(SearchError::InvalidQuery("the query is empty".into()));
    }
    let chars = text.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(SearchError::InvalidQuery(format!(
            "the query is {chars} characters long; the most a query may have is {MAX_QUERY_CHARS} (for a long list of terms, use a batch search with one query per line)"
        )));
    }
    let deepest = nesting(text);
    if deepest > MAX_QUERY_NESTING {
        return Err(SearchError::InvalidQuery(format!(
            "the query nests parentheses or NOTs {deepest} deep; the most is {MAX_QUERY_NESTING}"
        )));
    }
    Ok(())
}

/// How deep `text` could nest groups: each `(` and each `NOT` in a run of them is a level
/// of the grammar's recursion. Quotes are not taken into account: where a phrase starts and
/// ends is the grammar's reading, which the fuzzer twice found to differ from any simpler
/// one (`"K":"K (((…` and `"":" (((…"` both overflowed a stack), and a parenthesis inside a
/// phrase is no word (the analyzer drops it), so counting it too refuses nothing a search
/// needs. A backslash escapes the next character, as in the grammar.
fn nesting(text: &str) -> usize {
    fn end_word(word: &mut String, nots: &mut usize) {
        if !word.is_empty() {
            *nots = if word == "NOT" { *nots + 1 } else { 0 };
            word.clear();
        }
    }
    let (mut depth, mut nots, mut deepest) = (0usize, 0usize, 0usize);
    let mut escaped = false;
    let mut word = String::new();
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '(' => {
                end_word(&mut word, &mut nots);
                depth += 1;
            }
            ')' => {
                end_word(&mut word, &mut nots);
                depth = depth.saturating_sub(1);
            }
            c if c.is_whitespace() => end_word(&mut word, &mut nots),
            c => word.push(c),
        }
        deepest = deepest.max(depth + nots);
    }
    deepest
}

/// A query as quoted in an error message: whole when short, its start and length otherwise,
/// so that an error about a pasted page does not repeat the page.
struct Abridged<'a>(&'a str);

impl std::fmt::Debug for Abridged<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 80;
        match self.0.char_indices().nth(SHOWN) {
            None => write!(f, "{:?}", self.0),
            Some((end, _)) => write!(
                f,
                "{:?}… ({} characters)",
                &self.0[..end],
                self.0.chars().count()
            ),
        }
    }
}

struct Builder<'a> {
    fields: &'a Fields,
    tags: &'a DocumentTags,
    op: DefaultOperator,
    stemmed: TextAnalyzer,
    unstemmed: TextAnalyzer,
    terms: BTreeSet<String>,
    loose: Vec<LooseTerm>,
    positional: bool,
    expanding: bool,
    /// The query's whitespace-separated pieces, to count repeated words.
    words: Vec<&'a str>,
}

impl Builder<'_> {
    fn ast(&mut self, ast: &UserInputAst) -> Result<Box<dyn Query>, SearchError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let default = match self.op {
                    DefaultOperator::And => Occur::Must,
                    DefaultOperator::Or => Occur::Should,
                };
                let mut subqueries = Vec::with_capacity(clauses.len() + 1);
                let mut either = Vec::new();
                for (occur, sub) in clauses {
                    let occur = match occur {
                        Some(UserOccur::Must) => Occur::Must,
                        Some(UserOccur::MustNot) => Occur::MustNot,
                        Some(UserOccur::Should) => Occur::Should,
                        None => default,
                    };
                    let sub = self.ast(sub)?;
                    if occur != Occur::Should {
                        subqueries.push((occur, sub));
                        continue;
                    }
                    // `a OR b` where each word is `text:a OR title:a`: one flat union of terms
                    // (same matches, same scores), which tantivy ranks with block-max WAND
                    // instead of scoring every match of every word.
                    match alternatives(sub.as_ref()) {
                        Some(parts) => either.extend(parts),
                        None => either.push(sub),
                    }
                }
                let required = subqueries.iter().any(|(o, _)| *o == Occur::Must);
                if required && self.op == DefaultOperator::And && !either.is_empty() {
                    // Alternatives beside required words are one required group: `a OR b c`
                    // is `(a OR b) c`, never c alone. The grammar also gives this shape to
                    // `(a OR a) c` (it keeps one `a` and lifts it, with its OR, into the
                    // parent), which matched documents without `a` (found by `dossier-eval
                    // exactness`).
                    let group = either.into_iter().map(|q| (Occur::Should, q)).collect();
                    subqueries.push((Occur::Must, Box::new(BooleanQuery::new(group))));
                } else {
                    subqueries.extend(either.into_iter().map(|q| (Occur::Should, q)));
                }
                // Only exclusions ("-draft"): exclude them from everything.
                if subqueries.iter().all(|(o, _)| *o == Occur::MustNot) {
                    subqueries.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(subqueries)))
            }
            UserInputAst::Boost(sub, boost) => Ok(Box::new(BoostQuery::new(
                self.ast(sub)?,
                boost.into_inner() as f32,
            ))),
            UserInputAst::Leaf(leaf) => self.leaf(leaf),
        }
    }

    fn leaf(&mut self, leaf: &UserInputLeaf) -> Result<Box<dyn Query>, SearchError> {
        match leaf {
            UserInputLeaf::Literal(lit) => self.literal(lit),
            UserInputLeaf::All => Ok(Box::new(AllQuery)),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => match field.as_deref() {
                Some("date") => date_range(self.fields.date, lower, upper),
                Some(other) => Err(SearchError::InvalidQuery(format!(
                    "ranges work on date: only, not on {other}:"
                ))),
                None => Err(SearchError::InvalidQuery(
                    "a range needs a field, as in date:[2001 TO 2002-06]".into(),
                )),
            },
            UserInputLeaf::Set { .. } => Err(unsupported("IN [...] sets")),
            UserInputLeaf::Exists { field } => Err(SearchError::InvalidQuery(format!(
                "{field}:* is not supported; search for a value of {field}:"
            ))),
            UserInputLeaf::Regex { .. } => Err(unsupported("regular expressions")),
        }
    }

    fn literal(&mut self, lit: &UserInputLiteral) -> Result<Box<dyn Query>, SearchError> {
        let value = lit.phrase.as_str();
        let quoted = lit.delimiter != Delimiter::None;
        let Some(name) = lit.field_name.as_deref() else {
            let repeats = if quoted {
                1.0
            } else {
                self.repeats(value) as f32 * self.question_weight(value)
            };
            let text = self.analyzed(self.fields.text, value, quoted, lit)?;
            let title = self.analyzed(self.fields.title, value, quoted, lit)?;
            return Ok(Box::new(BooleanQuery::new(vec![
                (Occur::Should, boosted(text, repeats)),
                (Occur::Should, boosted(title, repeats * TITLE_BOOST)),
            ])));
        };
        if let Some(field) = self.fields.analyzed_field(name) {
            return self.analyzed(field, value, quoted, lit);
        }
        match name {
            "kind" | "tag" => {
                let (word, prefix) = match value.strip_suffix('*') {
                    Some(w) if !quoted => (w, true),
                    _ => (value, lit.prefix),
                };
                if name == "tag" {
                    // Tags are not in the index (see `tags.rs`): the documents carrying them are.
                    let docs = if prefix {
                        self.tags.documents_with_prefix(word)
                    } else {
                        self.tags.documents(word).to_vec()
                    };
                    return Ok(documents::only(self.fields, &docs));
                }
                let word = word.to_lowercase();
                Ok(if prefix {
                    self.expanding = true;
                    Box::new(PrefixQuery::new(self.fields.kind, &word))
                } else {
                    let term = Term::from_field_text(self.fields.kind, &word);
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic))
                })
            }
            "date" => {
                let (start, end) = dates::parse_span(value).map_err(bad_date)?;
                Ok(Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(self.fields.date, start)),
                    Bound::Excluded(Term::from_field_i64(self.fields.date, end)),
                )))
            }
            other => Err(SearchError::InvalidQuery(format!(
                "unknown field {other}: (the fields are {FIELD_NAMES}); put text containing a colon in quotes"
            ))),
        }
    }

    /// How many times a bare word stands in the query. A word a question repeats is what it
    /// is about ("What is MEDLARS? How does MEDLARS operate?"), and BM25 weighs query words
    /// by their frequency in the query, as FTS5 does; tantivy's parser keeps a repeated
    /// clause once, so the repeats are counted from the text and become a boost (the same
    /// score as the word written that many times).
    fn repeats(&self, word: &str) -> usize {
        self.words.iter().filter(|w| **w == word).count().max(1)
    }

    /// How much a bare word counts when a question is ranked ([`DefaultOperator::Or`]): a
    /// function word ("what", "the", "of") counts [`FUNCTION_WORD_WEIGHT`] of its score, any
    /// other word fully. It still matches like any word; only the order of a long question's
    /// hits changes, where "What is the role of…" otherwise favours texts full of "the" and
    /// "of" (measured by `benches/search_quality.rs` on Cranfield and CISI). A search box
    /// query (`And`, what the app runs) weighs every word by BM25 alone.
    fn question_weight(&self, word: &str) -> f32 {
        let function_word = FUNCTION_WORDS
            .binary_search(&word.to_lowercase().as_str())
            .is_ok();
        if self.op == DefaultOperator::Or && function_word {
            FUNCTION_WORD_WEIGHT
        } else {
            1.0
        }
    }

    /// A value searched in an analyzed field: a term, a phrase, a prefix or a fuzzy term.
    fn analyzed(
        &mut self,
        field: Field,
        value: &str,
        quoted: bool,
        lit: &UserInputLiteral,
    ) -> Result<Box<dyn Query>, SearchError> {
        let highlight = field == self.fields.text;
        // The grammar keeps `*` and `~N` inside a bare word; they are operators here.
        let (word, prefix, fuzzy) = if quoted {
            (value, lit.prefix, None)
        } else if let Some(w) = value.strip_suffix('*').filter(|w| !w.is_empty()) {
            (w, true, None)
        } else if let Some((w, d)) = value.rsplit_once('~').filter(|(w, _)| !w.is_empty()) {
            let d: u8 = d.parse().map_err(|_| {
                SearchError::InvalidQuery(format!(
                    "{value}: after ~ comes the number of edits, as in word~1"
                ))
            })?;
            (w, false, Some(d.min(MAX_FUZZY_DISTANCE)))
        } else {
            (value, lit.prefix, None)
        };
        let analyzer = if prefix {
            &mut self.unstemmed
        } else {
            &mut self.stemmed
        };
        let mut toks = tokens(analyzer, word);
        if prefix
            && toks.len() > 1
            && let Some(last) = toks.pop()
        {
            // A multi-word prefix phrase: analyze all but the last word as the index does.
            toks = tokens(&mut self.stemmed, word)
                .into_iter()
                .filter(|(p, _)| *p < last.0)
                .collect();
            toks.push(last);
        }
        if toks.is_empty() {
            return Err(no_words(word));
        }
        let term = |t: &str| Term::from_field_text(field, t);
        if let Some(distance) = fuzzy {
            self.expanding = true;
            let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (_, t) in &toks {
                if highlight {
                    self.loose.push(LooseTerm {
                        text: t.clone(),
                        distance,
                        prefix: false,
                    });
                }
                parts.push((
                    Occur::Must,
                    Box::new(FuzzyTermQuery::new(term(t), distance, true)),
                ));
            }
            return Ok(Box::new(BooleanQuery::new(parts)));
        }
        if toks.len() == 1 {
            let t = &toks[0].1;
            if prefix {
                if highlight {
                    self.loose.push(LooseTerm {
                        text: t.clone(),
                        distance: 0,
                        prefix: true,
                    });
                }
                self.expanding = true;
                return Ok(Box::new(PrefixQuery::new(field, t)));
            }
            if highlight {
                self.terms.insert(t.clone());
            }
            return Ok(Box::new(TermQuery::new(
                term(t),
                IndexRecordOption::WithFreqs,
            )));
        }
        let with_offsets: Vec<(usize, Term)> = toks.iter().map(|(p, t)| (*p, term(t))).collect();
        if highlight {
            let n = toks.len();
            for (i, (_, t)) in toks.iter().enumerate() {
                if prefix && i + 1 == n {
                    self.loose.push(LooseTerm {
                        text: t.clone(),
                        distance: 0,
                        prefix: true,
                    });
                } else {
                    self.terms.insert(t.clone());
                }
            }
        }
        self.positional = true;
        if prefix {
            return Ok(Box::new(PhrasePrefixQuery::new_with_offset(with_offsets)));
        }
        Ok(Box::new(PhraseQuery::new_with_offset_and_slop(
            with_offsets,
            lit.slop,
        )))
    }
}

/// `query` with its score multiplied by `factor` (left as it is for 1).
fn boosted(query: Box<dyn Query>, factor: f32) -> Box<dyn Query> {
    if factor == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, factor))
    }
}

/// The clauses of a query that matches when any of them does and scores their sum (a boolean
/// query of optional clauses only), so they can join a parent's optional clauses.
fn alternatives(query: &dyn Query) -> Option<Vec<Box<dyn Query>>> {
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    let clauses = boolean.clauses();
    let all_optional = clauses.iter().all(|(occur, _)| *occur == Occur::Should);
    (all_optional && !clauses.is_empty() && boolean.get_minimum_number_should_match() <= 1)
        .then(|| clauses.iter().map(|(_, q)| q.box_clone()).collect())
}

fn date_range(
    field: Field,
    lower: &UserInputBound,
    upper: &UserInputBound,
) -> Result<Box<dyn Query>, SearchError> {
    let span = |s: &str| dates::parse_span(s).map_err(bad_date);
    let lower = match lower {
        UserInputBound::Inclusive(s) => Bound::Included(span(s)?.0),
        UserInputBound::Exclusive(s) => Bound::Included(span(s)?.1),
        UserInputBound::Unbounded => Bound::Unbounded,
    };
    let upper = match upper {
        UserInputBound::Inclusive(s) => Bound::Excluded(span(s)?.1),
        UserInputBound::Exclusive(s) => Bound::Excluded(span(s)?.0),
        UserInputBound::Unbounded => Bound::Unbounded,
    };
    let term = |b: Bound<i64>| b.map(|v| Term::from_field_i64(field, v));
    Ok(Box::new(RangeQuery::new(term(lower), term(upper))))
}

/// A filter on the date field between two ISO dates of any precision (both inclusive).
pub fn date_filter(
    field: Field,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<Box<dyn Query>, SearchError> {
    let bound = |s: Option<&str>| match s {
        Some(s) => UserInputBound::Inclusive(s.to_owned()),
        None => UserInputBound::Unbounded,
    };
    date_range(field, &bound(since), &bound(until))
}

fn bad_date(e: dossier_dates::DateError) -> SearchError {
    SearchError::InvalidQuery(e.to_string())
}

/// The error for a value that holds nothing the index could hold: only punctuation, or only
/// words longer than the analyzer keeps. Matching nothing in silence would make `linkwise
/// "--"` find no document at all, which reads as "no document says linkwise".
fn no_words(value: &str) -> SearchError {
    let longest = value
        .split(|c: char| !c.is_alphanumeric())
        .map(str::len)
        .max()
        .unwrap_or(0);
    if longest > MAX_TOKEN_BYTES {
        SearchError::InvalidQuery(format!(
            "{:?} is a word of {longest} bytes; words longer than {MAX_TOKEN_BYTES} bytes (encoded data, hashes) are not indexed, so search for part of the text around it",
            Abridged(value)
        ))
    } else {
        SearchError::InvalidQuery(format!(
            "{:?} holds no word to search for (words are letters and digits; punctuation is not indexed)",
            Abridged(value)
        ))
    }
}

fn unsupported(what: &str) -> SearchError {
    SearchError::InvalidQuery(format!("{what} are not supported in queries"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(q: &str) -> Result<ParsedQuery, SearchError> {
        parse(
            q,
            &Fields::schema().1,
            &DocumentTags::default(),
            DefaultOperator::And,
        )
    }

    fn error(q: &str) -> String {
        match parsed(q) {
            Err(SearchError::InvalidQuery(m)) => m,
            Err(e) => panic!("{q}: unexpected error {e}"),
            Ok(p) => panic!("{q}: parsed as {:?}", p.query),
        }
    }

    #[test]
    fn malformed_queries_are_errors_that_say_why() {
        assert!(error("\"unfinished").contains("cannot read the query"));
        assert!(error("(a OR b").contains("cannot read the query"));
        assert!(error("colour:red").contains("unknown field colour:"));
        assert!(
            error("date:yesterday")
                .contains("\"yesterday\" is not a date: the year must be 4 digits")
        );
        assert!(
            error("date:2024-02-31")
                .contains("\"2024-02-31\" is not a date: February 2024 has 29 days")
        );
        assert!(error("title:[a TO b]").contains("ranges work on date"));
        assert!(error("word~x").contains("number of edits"));
        assert!(error("   ").contains("empty"));
        assert!(error("linkwise \"--\"").contains("\"--\" holds no word to search for"));
        assert!(error("title:\"\"").contains("holds no word"));
        let hash = "ab".repeat(40);
        assert!(error(&format!("memo {hash}")).contains("words longer than 60 bytes"));
    }

    #[test]
    fn highlight_terms_are_the_analyzed_text_terms() {
        let p = parsed("Cafés \"e-mail\" comput* contrct~1 title:ignored").expect("parses");
        assert_eq!(
            p.terms,
            BTreeSet::from(["cafe".to_owned(), "e".into(), "mail".into()])
        );
        assert_eq!(
            p.loose,
            [
                LooseTerm {
                    text: "comput".into(),
                    distance: 0,
                    prefix: true
                },
                LooseTerm {
                    text: "contrct".into(),
                    distance: 1,
                    prefix: false
                },
            ]
        );
    }

    #[test]
    fn words_in_an_or_become_one_flat_union_of_terms() {
        // Flat, so that tantivy ranks it with block-max WAND: each word's text and title terms
        // join the top level instead of nesting a union per word.
        let p = parse(
            "alpha OR beta",
            &Fields::schema().1,
            &DocumentTags::default(),
            DefaultOperator::And,
        )
        .expect("parses");
        let top = p
            .query
            .downcast_ref::<BooleanQuery>()
            .expect("a boolean query");
        assert_eq!(top.clauses().len(), 4);
        for (occur, clause) in top.clauses() {
            assert_eq!(*occur, Occur::Should);
            assert!(
                clause.downcast_ref::<BooleanQuery>().is_none(),
                "{clause:?}"
            );
        }
    }

    /// The error for `q`, read on a thread with a small stack, so that a parser that still
    /// recursed once per character would overflow here too.
    fn run_small(q: String) -> String {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || error(&q))
            .expect("thread")
            .join()
            .expect("no stack overflow")
    }

    #[test]
    fn queries_too_deep_or_too_long_are_refused_before_parsing_and_never_crash() {
        // Regression: 800 `(` overflowed the stack of `dossier serve`'s thread and aborted
        // the server; 3,000 aborted the CLI.
        let run = run_small;
        for n in [33, 800, 3_999] {
            assert!(run("(".repeat(n)).contains("nests parentheses"), "{n} (");
        }
        for n in [33, 800, 1_999] {
            let balanced = format!("{}a{}", "(".repeat(n), ")".repeat(n));
            assert!(run(balanced).contains(&format!("{n} deep")), "{n} (a)");
        }
        for n in [33, 571] {
            assert!(run("title:(".repeat(n)).contains("nests"), "{n} title:(");
        }
        assert!(run("a ".repeat(6_000)).contains("the most a query may have is 4000"));
        let long = error(&format!("\"{}", "x".repeat(500)));
        assert!(long.contains("(501 characters)"), "{long}");
        assert!(
            long.len() < 300,
            "the error does not repeat the whole query: {long}"
        );
    }

    #[test]
    fn parentheses_inside_phrases_and_reasonable_nesting_are_fine() {
        let deep = format!("{}alpha OR beta{}", "(".repeat(32), ")".repeat(32));
        parsed(&deep).unwrap_or_else(|e| panic!("32 levels: {e}"));
        assert!(run_small("NOT ".repeat(990) + "a").contains("990 deep"));
        parsed("\"section (a) of the act\"").expect("parentheses in a phrase are no groups");
        // Found by dossier-fuzz: where the grammar sees a phrase end differs from a plain
        // reading of the quotes, and these overflowed the parser's stack.
        for tricky in [
            format!("\"K\":\"K {}", "(".repeat(227)),
            format!("\"\":\" {}\"", "(".repeat(227)),
            format!("\"{}\"", "(".repeat(100)),
        ] {
            assert!(run_small(tricky).contains("deep"));
        }
    }

    #[test]
    fn words_with_plus_and_minus_inside_parse() {
        for q in ["c++ code", "opt-in", "covid-19 e-mail", "a+b"] {
            parsed(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        }
    }
}
