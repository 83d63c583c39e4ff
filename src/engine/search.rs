//! BM25 retrieval with tantivy, over passages already reduced to stems by [`crate::text`], so
//! that questions and documents go through exactly one analysis. Headings and titles are
//! indexed as separate, boosted context fields.

use rustc_hash::FxHashMap as HashMap;
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::{DocId, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term, doc};

use super::scores::{FieldTerm, Plan, Scorer};

/// Weight of a heading match relative to the passage body: a heading names what every
/// paragraph below it is about.
const HEADING_BOOST: f32 = 1.5;
/// Weight of a document-title match: weaker, since the title spans all its sections.
const TITLE_BOOST: f32 = 0.5;

/// How much the other ways a passage says a concept add to the best one (see
/// [`SearchIndex::search`]).
const ALSO_SAID: f32 = 0.1;

/// Sizes the index writer's first hash table (tantivy's `compute_initial_table_size`).
const WRITER_BUDGET: usize = 2_000_000;

/// The bits of [`SearchIndex::fields_of`]: body, heading, title.
const FIELD_BITS: [u8; 3] = [1, 2, 4];

/// The stemmed text of one passage, as indexed.
pub struct IndexedPassage {
    pub body: String,
    pub heading: String,
    pub title: String,
}

/// An in-RAM tantivy index of the passages.
pub struct SearchIndex {
    searcher: Searcher,
    body: Field,
    heading: Field,
    title: Field,
    /// Per segment, the column mapping a tantivy doc to our passage number.
    ords: Vec<Column<u64>>,
    /// Which fields' dictionaries hold each stem (see [`FIELD_BITS`]), read from the index
    /// itself. A clause for a term its field lacks matches nothing, yet tantivy builds its
    /// BM25 weight (a 256-entry table, an explanation) before dropping it as empty; most
    /// clauses were such, mainly titles and headings. Leaving them out gives the same
    /// scorers in the same order, so the same scores.
    fields_of: HashMap<Box<str>, u8>,
    /// Scores queries without building tantivy's (see [`super::scores`]).
    scorer: Option<Scorer>,
    // Keeps the reader (and so the searcher's segments) alive.
    _reader: IndexReader,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.searcher.num_docs())
            .finish()
    }
}

impl SearchIndex {
    pub fn build(
        passages: impl IntoIterator<Item = IndexedPassage>,
    ) -> tantivy::Result<SearchIndex> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("whitespace")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let body = schema.add_text_field("body", text.clone());
        let heading = schema.add_text_field("heading", text.clone());
        let title = schema.add_text_field("title", text);
        let ord = schema.add_u64_field("ord", FAST);
        // One segment, written on this thread: no 15 MB arena to clear for a few passages
        // (the memory budget only sizes the first hash table; the arena grows as needed).
        let mut writer = Index::builder()
            .schema(schema.build())
            .single_segment_index_writer::<TantivyDocument>(
                RamDirectory::create(),
                WRITER_BUDGET,
            )?;
        for (i, p) in passages.into_iter().enumerate() {
            writer.add_document(doc!(body => p.body.as_str(), heading => p.heading.as_str(), title => p.title.as_str(), ord => i as u64))?;
        }
        let index = writer.finalize()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let ords = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().u64("ord"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut fields_of: HashMap<Box<str>, u8> = HashMap::default();
        for segment in searcher.segment_readers() {
            for (field, bit) in [body, heading, title].into_iter().zip(FIELD_BITS) {
                let index = segment.inverted_index(field)?;
                let mut terms = index.terms().stream()?;
                while terms.advance() {
                    // Terms are the stems the index was given, so valid UTF-8.
                    if let Ok(term) = std::str::from_utf8(terms.key()) {
                        *fields_of.entry(term.into()).or_default() |= bit;
                    }
                }
            }
        }
        let scorer = Scorer::new(&searcher, &[body, heading, title])?;
        Ok(SearchIndex {
            scorer,
            searcher,
            body,
            heading,
            title,
            ords,
            fields_of,
            _reader: reader,
        })
    }

    /// The best `limit` passages for these concepts, as (passage number, BM25 score). Each
    /// concept is a list of ways to say it (each a phrase of stems), and counts once: as the
    /// best way a passage says it, plus [`ALSO_SAID`] of the others. A passage that states
    /// several spans of time ("hours", "days", "weeks") then says "how long" no more than one
    /// that states one.
    pub fn search(&self, concepts: &[Vec<Vec<&str>>], limit: usize) -> Vec<(usize, f32)> {
        let plan = self.plan(concepts);
        if plan.is_empty() {
            return Vec::new();
        }
        // Tantivy sums two or more single terms by Block-WAND, which skips blocks by their
        // recorded best scores, in an order of its own. Two terms add up the same either way
        // round, so `scores` reproduces those and everything else; three or more stay with
        // tantivy.
        let block_wand = plan.len() >= 3
            && plan
                .iter()
                .all(|ways| matches!(ways.as_slice(), [way] if way.len() == 1));
        let hits = match &self.scorer {
            Some(scorer) if !block_wand => Some(scorer.top(&plan, ALSO_SAID, limit)),
            _ => self.search_tantivy(&plan, limit),
        };
        hits.unwrap_or_default()
            .into_iter()
            .filter_map(|(score, doc)| {
                let ord = self.ords.first()?.first(doc)?;
                Some((ord as usize, score))
            })
            .collect()
    }

    /// The terms of each way of saying each concept, in each field whose dictionary holds them
    /// (see [`SearchIndex::fields_of`]); ways and concepts with no term left out.
    fn plan<'a>(&self, concepts: &[Vec<Vec<&'a str>>]) -> Plan<'a> {
        let mut plan: Plan<'a> = Vec::with_capacity(concepts.len());
        for ways in concepts {
            let mut said = Vec::with_capacity(ways.len());
            for stems in ways {
                let mut terms = Vec::with_capacity(stems.len() * 3);
                for &stem in stems {
                    let Some(&fields) = self.fields_of.get(stem) else {
                        continue;
                    };
                    for (field, (boost, bit)) in [1.0, HEADING_BOOST, TITLE_BOOST]
                        .into_iter()
                        .zip(FIELD_BITS)
                        .enumerate()
                    {
                        if fields & bit != 0 {
                            terms.push(FieldTerm { field, boost, stem });
                        }
                    }
                }
                if !terms.is_empty() {
                    said.push(terms);
                }
            }
            if !said.is_empty() {
                plan.push(said);
            }
        }
        plan
    }

    /// [`SearchIndex::search`] by tantivy's own query: a boolean query of the concepts, each a
    /// dis-max query of its ways, each a boolean query of boosted terms.
    fn search_tantivy(&self, plan: &Plan<'_>, limit: usize) -> Option<Vec<(f32, DocId)>> {
        let fields = [self.body, self.heading, self.title];
        let term = |t: &FieldTerm<'_>| -> Box<dyn Query> {
            let q = TermQuery::new(
                Term::from_field_text(fields[t.field], t.stem),
                IndexRecordOption::WithFreqs,
            );
            Box::new(BoostQuery::new(Box::new(q), t.boost))
        };
        let way = |terms: &Vec<FieldTerm<'_>>| -> Box<dyn Query> {
            match terms.as_slice() {
                [one] => term(one),
                _ => Box::new(BooleanQuery::new(
                    terms.iter().map(|t| (Occur::Should, term(t))).collect(),
                )),
            }
        };
        let clauses = plan
            .iter()
            .map(|ways| -> (Occur, Box<dyn Query>) {
                match ways.as_slice() {
                    [one] => (Occur::Should, way(one)),
                    _ => (
                        Occur::Should,
                        Box::new(DisjunctionMaxQuery::with_tie_breaker(
                            ways.iter().map(way).collect(),
                            ALSO_SAID,
                        )),
                    ),
                }
            })
            .collect();
        let hits = self
            .searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(limit).order_by_score(),
            )
            .ok()?;
        // One segment (see `build`).
        Some(
            hits.into_iter()
                .filter(|(_, addr)| addr.segment_ord == 0)
                .map(|(score, addr)| (score, addr.doc_id))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_passage_with_the_rare_term_first() {
        let p = |b: &str, h: &str| IndexedPassage {
            body: b.into(),
            heading: h.into(),
            title: "t".into(),
        };
        let index = SearchIndex::build([
            p("vein exercis walk", "activ"),
            p("vein laser face", "laser"),
            p("vein sclerotherapi", "treatment"),
        ])
        .unwrap();
        let hits = index.search(&[vec![vec!["laser"]], vec![vec!["vein"]]], 3);
        assert_eq!(hits[0].0, 1);
        assert_eq!(hits.len(), 3);
        assert!(index.search(&[], 3).is_empty());
    }

    #[test]
    fn scores_are_tantivys_to_the_bit() {
        // Passages of a small vocabulary, so that terms repeat, in varied lengths and fields.
        let words = [
            "vein", "laser", "walk", "day", "week", "hour", "skin", "leg", "pain", "cost", "cream",
            "sauna",
        ];
        let mut rng = fastrand::Rng::with_seed(7);
        let mut text = |n: usize| -> String {
            (0..n)
                .map(|_| words[rng.usize(..10)])
                .collect::<Vec<_>>()
                .join(" ")
        };
        // And words only some bodies say, so that a concept may be a single term.
        let passages: Vec<IndexedPassage> = (0..300)
            .map(|i| IndexedPassage {
                body: format!(
                    "{} {} {}",
                    text(1 + i % 37),
                    ["cream", "sauna", ""][i % 3],
                    ["cream", "sauna cream", "gel", "sauna", "cream gel gel"][i * i % 5]
                ),
                heading: if i % 3 == 0 {
                    String::new()
                } else {
                    text(1 + i % 4)
                },
                title: text(1 + i % 5),
            })
            .collect();
        let index = SearchIndex::build(passages).unwrap();
        let scorer = index.scorer.as_ref().expect("one segment");
        let mut rng = fastrand::Rng::with_seed(11);
        let mut pick = |n: usize| rng.usize(1..=n);
        let bits = |hits: &[(f32, DocId)]| -> Vec<(u32, DocId)> {
            hits.iter().map(|&(s, d)| (s.to_bits(), d)).collect()
        };
        let mut single = false;
        for round in 0..500 {
            let concepts: Vec<Vec<Vec<&str>>> = (0..pick(4))
                .map(|_| {
                    (0..pick(4))
                        .map(|_| (0..pick(2)).map(|_| words[pick(12) - 1]).collect())
                        .collect()
                })
                .collect();
            let plan = index.plan(&concepts);
            if plan.len() >= 3
                && plan
                    .iter()
                    .all(|ways| ways.len() == 1 && ways[0].len() == 1)
            {
                continue; // Block-WAND: left to tantivy.
            }
            single |= matches!(plan.as_slice(), [ways] if ways.len() == 1 && ways[0].len() == 1);
            let limit = [1, 5, 20, 400][round % 4];
            let ours = scorer.top(&plan, ALSO_SAID, limit);
            let theirs = index.search_tantivy(&plan, limit).unwrap();
            assert_eq!(bits(&ours), bits(&theirs), "{concepts:?}");
        }
        assert!(single, "a query of one single term was checked");
        // Two single terms: Block-WAND, whose sum of two is the same either way round.
        for (a, b) in [
            ("cream", "sauna"),
            ("sauna", "gel"),
            ("gel", "cream"),
            ("cream", "cream"),
        ] {
            let plan = index.plan(&[vec![vec![a]], vec![vec![b]]]);
            assert!(
                plan.iter()
                    .all(|ways| ways.len() == 1 && ways[0].len() == 1)
            );
            for limit in [1, 2, 5, 20, 400] {
                let ours = scorer.top(&plan, ALSO_SAID, limit);
                let theirs = index.search_tantivy(&plan, limit).unwrap();
                assert_eq!(bits(&ours), bits(&theirs), "{a} {b} {limit}");
            }
        }
    }

    #[test]
    fn a_concept_counts_once_however_many_ways_a_passage_says_it() {
        let p = |b: &str| IndexedPassage {
            body: b.into(),
            heading: "h".into(),
            title: "t".into(),
        };
        let index = SearchIndex::build([
            p("hour day week month vein"),
            p("hour laser vein"),
            p("vein"),
            p("vein skin"),
        ])
        .unwrap();
        // "how long" (any span of time) and "laser": the passage that says both comes first,
        // not the one that names four spans of time.
        let how_long = vec![vec!["hour"], vec!["day"], vec!["week"], vec!["month"]];
        let hits = index.search(&[how_long, vec![vec!["laser"]]], 2);
        assert_eq!(hits[0].0, 1, "{hits:?}");
    }
}
