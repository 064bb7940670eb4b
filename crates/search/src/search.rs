//! Running a search: filters, top documents by relevance or date with their best pages,
//! snippets with `<mark>`, exact totals and facets.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Score, Searcher, TantivyDocument, Term};

use crate::Result;
use crate::documents;
use crate::facets::{FacetCollector, Facets};
use crate::index::SearchIndex;
use crate::prefix::words_starting_with;
use crate::query::{self, DefaultOperator, ParsedQuery};
use crate::tags::DocumentTags;
use crate::tokenizer::analyzer;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest document first (undated documents last).
    Date,
    /// Oldest document first (undated documents last).
    Oldest,
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query, in the query language.
    pub query: String,
    /// Only documents of this kind.
    pub kind: Option<String>,
    /// Only documents with this tag.
    pub tag: Option<String>,
    /// Leave out documents with this tag.
    pub not_tag: Option<String>,
    /// Which documents carry which tags, read from the case (tags are not indexed, see
    /// `tags.rs`): what `tag:`, the tag filters and the tag facet read. A request without
    /// them knows no tags.
    pub tags: Arc<DocumentTags>,
    /// Only these documents (ids), when given: a saved search's results, for one.
    pub only_documents: Option<DocumentSet>,
    /// Leave out these documents (ids).
    pub except_documents: Option<DocumentSet>,
    /// Only documents held by this custodian (exactly as recorded at ingest).
    pub custodian: Option<String>,
    /// Only documents dated on or after this ISO date (any precision).
    pub since: Option<String>,
    /// Only documents dated on or before this ISO date (any precision, inclusive).
    pub until: Option<String>,
    /// How many documents to return.
    pub limit: usize,
    /// How many documents of the order to skip before the first one returned (paging).
    pub offset: usize,
    /// Order of the hits.
    pub sort: SortOrder,
    /// How words without an operator combine.
    pub operator: DefaultOperator,
    /// The most pages listed per document.
    pub pages_per_hit: usize,
}

/// One matching page (or the whole text, page 0) of a hit.
#[derive(Debug, Clone, PartialEq)]
pub struct PageHit {
    /// Page number, 0 when the document has no pages.
    pub page: u32,
    /// Relevance of this page.
    pub score: f32,
    /// An excerpt with the matching words in `<mark>`, HTML-escaped.
    pub snippet: String,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Document id.
    pub doc: i64,
    /// Title.
    pub title: Option<String>,
    /// Kind.
    pub kind: String,
    /// The document's date as recorded.
    pub date: Option<String>,
    /// Relevance: its best page's score.
    pub score: f32,
    /// Best pages first.
    pub pages: Vec<PageHit>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    /// Matching documents, with facet counts over all of them.
    pub facets: Facets,
    /// The top documents.
    pub hits: Vec<Hit>,
}

/// A set of document ids a search is restricted to, or keeps out (`documents.rs`).
pub type DocumentSet = Arc<Vec<i64>>;

/// Where snippets get their text: the page (≥ 1) or whole text (0) of a document.
pub type TextSource<'a> = dyn FnMut(i64, u32) -> Option<String> + 'a;

/// An entry of the index with its score.
type ScoredEntry = (f32, DocAddress);

/// Expanded prefix and fuzzy terms highlighted at most.
const MAX_EXPANSIONS: usize = 64;
/// Characters of a snippet.
const SNIPPET_CHARS: usize = 200;

impl SearchIndex {
    /// Runs `request`; `texts` supplies the text of the pages that need snippets.
    pub fn search(
        &self,
        request: &SearchRequest,
        texts: &mut TextSource<'_>,
    ) -> Result<SearchResults> {
        let parsed = query::parse(
            &request.query,
            &self.fields,
            &request.tags,
            request.operator,
        )?;
        let query = self.with_filters(request, &parsed)?;
        let searcher = self.reader.searcher();
        self.columns.keep_only(&searcher);
        let limit = request.limit.max(1);
        // Documents up to the end of the page asked for: those before `offset` are grouped
        // too, so that a page holds exactly the documents a longer list has in its place.
        let wanted = request.offset.saturating_add(limit);
        // Never more entries than the index holds: a top-k collector reserves room for k.
        let entries_in_index = usize::try_from(searcher.num_docs())
            .unwrap_or(usize::MAX)
            .max(1);
        let mut fetch = wanted.saturating_mul(3).max(30).min(entries_in_index);
        let pages_per_hit = request.pages_per_hit.max(1);
        let plan = Plan::for_query(request.sort, &parsed);
        let (entries, facets) = self.top_entries(&searcher, &query, &request.tags, plan, fetch)?;
        let facets = match facets {
            Some(facets) => facets,
            None => searcher.search(&query, &self.facet_collector(&request.tags))?,
        };
        let mut exhausted = entries.len() < fetch || fetch == entries_in_index;
        let mut grouped = self.group(&searcher, entries, pages_per_hit)?;
        while grouped.len() < wanted && !exhausted {
            // Many entries per document (pages): fetch deeper until `wanted` documents are in.
            fetch = fetch.saturating_mul(4).min(entries_in_index);
            let (entries, _) = self.top_entries(
                &searcher,
                &query,
                &request.tags,
                plan.without_facets(),
                fetch,
            )?;
            exhausted = entries.len() < fetch || fetch == entries_in_index;
            grouped = self.group(&searcher, entries, pages_per_hit)?;
        }
        if request.sort == SortOrder::Relevance {
            // Equal scores in a stable order, whatever the segments: lowest document id first.
            grouped.sort_by(|a, b| best(&b.2).total_cmp(&best(&a.2)).then(a.0.cmp(&b.0)));
        }
        let snippets = self.snippet_generator(&searcher, &parsed)?;
        let mut hits = Vec::with_capacity(limit.min(grouped.len()));
        for (doc, addr, pages) in grouped.into_iter().skip(request.offset).take(limit) {
            // Stored fields are read only for the hits shown.
            let stored: TantivyDocument = searcher.doc(addr)?;
            let text_of =
                |d: &TantivyDocument, f| d.get_first(f).and_then(|v| v.as_str()).map(str::to_owned);
            let pages = pages
                .into_iter()
                .map(|(page, score)| PageHit {
                    page,
                    score,
                    snippet: texts(doc, page)
                        .map(|text| snippet(&snippets, &text))
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>();
            hits.push(Hit {
                doc,
                title: text_of(&stored, self.fields.title),
                kind: text_of(&stored, self.fields.kind).unwrap_or_default(),
                date: text_of(&stored, self.fields.date_text),
                score: pages.first().map_or(0.0, |p| p.score),
                pages,
            });
        }
        Ok(SearchResults { facets, hits })
    }

    /// The query with the request's filters: each must match, without changing the score.
    pub(crate) fn with_filters(
        &self,
        request: &SearchRequest,
        parsed: &ParsedQuery,
    ) -> Result<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, parsed.query.box_clone())];
        let mut filter =
            |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        // Kinds are indexed lowercased; custodians exactly as recorded.
        for (field, value) in [
            (
                self.fields.kind,
                request.kind.as_deref().map(str::to_lowercase),
            ),
            (self.fields.custodian_name, request.custodian.clone()),
        ] {
            if let Some(v) = value {
                let term = Term::from_field_text(field, &v);
                filter(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
            }
        }
        if request.since.is_some() || request.until.is_some() {
            filter(query::date_filter(
                self.fields.date,
                request.since.as_deref(),
                request.until.as_deref(),
            )?);
        }
        if let Some(tag) = &request.tag {
            filter(documents::only(&self.fields, &request.tags.documents(tag)));
        }
        if let Some(ids) = &request.only_documents {
            filter(documents::only(&self.fields, ids));
        }
        // Exclusions are part of the query too, so totals and facets leave them out.
        if let Some(tag) = &request.not_tag {
            let tagged = request.tags.documents(tag);
            if !tagged.is_empty() {
                clauses.push((Occur::MustNot, documents::only(&self.fields, &tagged)));
            }
        }
        if let Some(ids) = request
            .except_documents
            .as_ref()
            .filter(|ids| !ids.is_empty())
        {
            clauses.push((Occur::MustNot, documents::only(&self.fields, ids)));
        }
        Ok(if clauses.len() == 1 {
            parsed.query.box_clone()
        } else {
            Box::new(BooleanQuery::new(clauses))
        })
    }

    /// Counts totals and facets from the columns this index keeps open, and tags from `tags`.
    fn facet_collector(&self, tags: &Arc<DocumentTags>) -> FacetCollector<'_> {
        FacetCollector {
            columns: &self.columns,
            tags: Arc::clone(tags),
        }
    }

    /// The best `n` entries with their scores, and the facets of every match when the plan
    /// collects them in the same pass.
    fn top_entries(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        tags: &Arc<DocumentTags>,
        plan: Plan,
        n: usize,
    ) -> Result<(Vec<ScoredEntry>, Option<Facets>)> {
        Ok(match plan {
            Plan::Pruned => (
                searcher.search(query, &TopDocs::with_limit(n).order_by_score())?,
                None,
            ),
            Plan::OnePass { sort, facets } => {
                self.one_pass(searcher, query, tags, sort, n, facets)?
            }
        })
    }

    /// Top entries (and, if asked, facets) in one evaluation of the query.
    fn one_pass(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        tags: &Arc<DocumentTags>,
        sort: SortOrder,
        n: usize,
        with_facets: bool,
    ) -> Result<(Vec<ScoredEntry>, Option<Facets>)> {
        let facets = with_facets.then(|| self.facet_collector(tags));
        Ok(match sort {
            SortOrder::Relevance => {
                searcher.search(query, &(TopDocs::with_limit(n).order_by_score(), facets))?
            }
            SortOrder::Date | SortOrder::Oldest => {
                // Undated documents last. Newest (or oldest) first, then best first, then
                // lowest document id, so that ties come out in a stable order.
                let oldest_first = sort == SortOrder::Oldest;
                let cache = Arc::clone(&self.columns);
                let top =
                    TopDocs::with_limit(n).tweak_score(move |segment: &tantivy::SegmentReader| {
                        let columns = cache.get(segment).ok();
                        move |doc: DocId, score: Score| {
                            let date = columns.as_ref().and_then(|c| c.date.as_ref()?.first(doc));
                            let id = columns.as_ref().and_then(|c| c.doc_id.first(doc));
                            // The greatest key comes first: an older date is a greater one
                            // when negated.
                            let date = if oldest_first {
                                date.map(i64::saturating_neg)
                            } else {
                                date
                            };
                            (
                                date.unwrap_or(i64::MIN),
                                score,
                                u64::MAX - id.unwrap_or(u64::MAX),
                            )
                        }
                    });
                let (by_date, facets) = searcher.search(query, &(top, facets))?;
                let by_date: Vec<((i64, Score, u64), DocAddress)> = by_date;
                let entries = by_date
                    .into_iter()
                    .map(|((_, score, _), addr)| (score, addr))
                    .collect();
                (entries, facets)
            }
        })
    }

    /// Groups entries per document in order of first appearance, keeping each one's best pages.
    #[allow(clippy::type_complexity)]
    fn group(
        &self,
        searcher: &Searcher,
        entries: Vec<(f32, DocAddress)>,
        pages_per_hit: usize,
    ) -> Result<Vec<(i64, DocAddress, Vec<(u32, f32)>)>> {
        let mut order: Vec<(i64, DocAddress)> = Vec::new();
        let mut pages: HashMap<i64, Vec<(u32, f32)>> = HashMap::new();
        let mut columns = BTreeMap::new();
        for (score, addr) in entries {
            let segment = match columns.entry(addr.segment_ord) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(
                    self.columns
                        .get(searcher.segment_reader(addr.segment_ord))?,
                ),
            };
            let Some(id) = segment.doc_id.first(addr.doc_id) else {
                continue;
            };
            let id = id as i64;
            let page = segment.page.first(addr.doc_id).unwrap_or(0) as u32;
            let list = pages.entry(id).or_default();
            if list.is_empty() {
                order.push((id, addr));
            }
            list.push((page, score));
        }
        let mut out = Vec::with_capacity(order.len());
        for (id, addr) in order {
            let mut list = pages.remove(&id).unwrap_or_default();
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(pages_per_hit);
            out.push((id, addr, list));
        }
        Ok(out)
    }

    /// A snippet generator for the text field that knows the query's words, including the
    /// index's words that its prefixes and fuzzy terms stand for.
    fn snippet_generator(
        &self,
        searcher: &Searcher,
        parsed: &ParsedQuery,
    ) -> Result<SnippetGenerator> {
        let field = self.fields.text;
        let mut words: BTreeMap<String, f32> = BTreeMap::new();
        let mut weigh = |word: String| -> Result<()> {
            let df = searcher.doc_freq(&Term::from_field_text(field, &word))?;
            if df > 0 {
                words.insert(word, 1.0 / (1.0 + df as f32));
            }
            Ok(())
        };
        for word in &parsed.terms {
            weigh(word.clone())?;
        }
        let mut expanded = Vec::new();
        for loose in &parsed.loose {
            let term = Term::from_field_text(field, &loose.text);
            let fuzzy = if loose.prefix {
                FuzzyTermQuery::new_prefix(term, loose.distance, true)
            } else {
                FuzzyTermQuery::new(term, loose.distance, true)
            };
            for segment in searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let terms = inverted.terms();
                let keep = |expanded: &mut Vec<String>, word: &[u8]| {
                    if let Ok(word) = std::str::from_utf8(word) {
                        expanded.push(word.to_owned());
                    }
                };
                if loose.prefix && loose.distance == 0 {
                    // The same words `PrefixQuery` matches, without building an automaton.
                    let mut stream = words_starting_with(terms, &loose.text)?;
                    while expanded.len() < MAX_EXPANSIONS && stream.advance() {
                        keep(&mut expanded, stream.key());
                    }
                } else {
                    let mut stream = terms.search(fuzzy.automaton()?).into_stream()?;
                    while expanded.len() < MAX_EXPANSIONS && stream.advance() {
                        keep(&mut expanded, stream.key());
                    }
                }
            }
        }
        for word in expanded {
            weigh(word)?;
        }
        Ok(SnippetGenerator::new(
            words,
            analyzer(),
            field,
            SNIPPET_CHARS,
        ))
    }
}

/// How the top entries and the facets are collected.
///
/// Ranking by relevance can skip most matches: tantivy's top-k collector, run alone, uses
/// block-max WAND (unions) and block-max intersections, which pass over blocks of postings
/// whose best possible score cannot enter the top `k`. Any second collector in the same pass
/// (the facets, which need every match) turns that off and scores every match. So the facets
/// go in a separate, unscored pass, which reads only document ids (no frequencies, no norms).
/// Phrases are the exception: ranking them checks the positions of every candidate anyway,
/// so pruning saves little and a second pass would check every position again; they keep one
/// pass. So do prefixes and fuzzy terms: every match of theirs scores the same, so nothing can
/// be skipped, and a second pass would gather their words and matches again. So does sorting
/// by date, which scores every match to break ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Top entries alone (pruned); facets, when wanted, in their own unscored pass.
    Pruned,
    /// Top entries and, if `facets`, the facets together.
    OnePass { sort: SortOrder, facets: bool },
}

impl Plan {
    fn for_query(sort: SortOrder, parsed: &ParsedQuery) -> Plan {
        if sort == SortOrder::Relevance && !parsed.positional && !parsed.expanding {
            Plan::Pruned
        } else {
            Plan::OnePass { sort, facets: true }
        }
    }

    /// The same plan for a deeper fetch, whose facets are already known.
    fn without_facets(self) -> Plan {
        match self {
            Plan::Pruned => Plan::Pruned,
            Plan::OnePass { sort, .. } => Plan::OnePass {
                sort,
                facets: false,
            },
        }
    }
}

/// The score of a hit's best page.
fn best(pages: &[(u32, f32)]) -> f32 {
    pages.first().map_or(0.0, |p| p.1)
}

/// The best excerpt of `text`, or its beginning when no query word is in it.
fn snippet(generator: &SnippetGenerator, text: &str) -> String {
    let mut s = generator.snippet(text);
    if s.is_empty() {
        let end = text
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(i, _)| i);
        return escape(text[..end].trim());
    }
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s.to_html()
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
