//! BM25 scores of a question's concepts over the one segment of the search index, computed
//! from tantivy's postings and field norms with tantivy's BM25 (its expressions, see
//! [`Bm25`]), and combined in exactly the order tantivy's nested queries combine them: the
//! same scores, to the bit, and the same top passages. Tantivy builds a query tree, a weight
//! per clause and a 4,096-document score buffer per nested union for every question; on 50
//! documents that was most of the search. Each term's postings are read once, when the index
//! is built, with the part of each score that depends on the passage worked out then; a
//! question sums them into one slot per passage. [`super::search::SearchIndex`] keeps
//! tantivy's own search for the one shape this does not reproduce (every concept a single
//! term: tantivy then sums in Block-WAND's order).

use rustc_hash::FxHashMap as HashMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

/// One term of a query: a stem in one field, with that field's boost.
#[derive(Debug, Clone, Copy)]
pub struct FieldTerm<'a> {
    /// Which of [`Scorer::new`]'s fields.
    pub field: usize,
    pub boost: f32,
    pub stem: &'a str,
}

/// A query as [`super::search::SearchIndex::search`] builds it: concepts (summed), each a list
/// of ways to say it (the best counts, plus `also_said` of the others), each a list of terms
/// (summed). None of the lists is empty.
pub type Plan<'a> = Vec<Vec<Vec<FieldTerm<'a>>>>;

/// One term's postings in one field, read once when the index is built: a question then
/// costs a hash lookup per term, not a dictionary search and a decoding of its postings.
/// Each passage that holds the term, in order, with the part of the BM25 score that depends
/// on the passage: `tf / (tf + norm)` (see [`Bm25::score`]). How many there are is the term's
/// document frequency: the index is built whole, with nothing deleted.
type TermPostings = Box<[(DocId, f32)]>;

/// Tantivy's BM25 (`tantivy::query::Bm25Weight`, version 0.27) for one field, its expressions
/// copied so that the table of length norms is worked out once, here, instead of for every
/// term of every question (tantivy's weight keeps it private). `scores_are_tantivys_to_the_bit`
/// in `search.rs` holds the scores to tantivy's own, so an upgrade that changes them fails it.
struct Bm25 {
    /// Per field-norm id: the length part of the denominator.
    norm: [f32; 256],
}

const K1: f32 = 1.2;
const B: f32 = 0.75;

impl Bm25 {
    /// `average`: tokens per document in the field, as tantivy's statistics give it.
    fn new(average: f32) -> Bm25 {
        let mut norm = [0.0; 256];
        for (id, n) in norm.iter_mut().enumerate() {
            let fieldnorm = FieldNormReader::id_to_fieldnorm(id as u8);
            *n = K1 * (1.0 - B + B * fieldnorm as f32 / average);
        }
        Bm25 { norm }
    }

    /// The weight of a term held by `doc_freq` of `doc_count` documents, times `boost`.
    fn weight(doc_freq: u64, doc_count: u64, boost: f32) -> f32 {
        let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
        let weight = (1.0 + x).ln() * (1.0 + K1);
        if boost == 1.0 { weight } else { weight * boost }
    }

    /// The part of a term's score that depends on the document: `term_freq` times in a
    /// document of field-norm id `fieldnorm_id`. The score is the term's weight times this.
    fn score(&self, fieldnorm_id: u8, term_freq: u32) -> f32 {
        let term_freq = term_freq as f32;
        term_freq / (term_freq + self.norm[usize::from(fieldnorm_id)])
    }
}

/// Scores [`Plan`]s over a single-segment index.
pub struct Scorer {
    /// Per field of [`Scorer::new`], each term's postings.
    fields: Vec<HashMap<Box<str>, TermPostings>>,
    /// Documents in the index, as tantivy counts them for BM25.
    documents: u64,
}

/// Scores summed per passage, in the order they are added, over every passage of the index:
/// one slot each, so that adding a term's postings costs no merge of sorted lists.
struct Sums {
    score: Vec<f32>,
    has: Vec<bool>,
    /// The passages with a score, in the order they got one.
    touched: Vec<DocId>,
}

impl Sums {
    fn new(documents: usize) -> Sums {
        Sums {
            score: vec![0.0; documents],
            has: vec![false; documents],
            touched: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &d in &self.touched {
            self.has[d as usize] = false;
        }
        self.touched.clear();
    }

    /// Tantivy's `SumCombiner`: `0.0 + a + b + ...`, in the order they come.
    fn add(&mut self, doc: DocId, s: f32) {
        let i = doc as usize;
        if self.has[i] {
            self.score[i] += s;
        } else {
            self.score[i] = 0.0 + s;
            self.has[i] = true;
            self.touched.push(doc);
        }
    }
}

impl Scorer {
    /// `None` unless the index has exactly one segment (ours always does).
    pub fn new(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<Option<Scorer>> {
        let [segment] = searcher.segment_readers() else {
            return Ok(None);
        };
        let documents = u64::from(segment.max_doc());
        let fields = fields
            .iter()
            .map(|&field| {
                let index = segment.inverted_index(field)?;
                // As tantivy's `TermWeight` reads them.
                let norms = match segment.fieldnorms_readers().get_field(field)? {
                    Some(norms) => norms,
                    None => FieldNormReader::constant(segment.max_doc(), 1),
                };
                let bm25 = Bm25::new(index.total_num_tokens() as f32 / documents as f32);
                let mut terms: HashMap<Box<str>, TermPostings> = HashMap::default();
                let mut stream = index.terms().stream()?;
                while stream.advance() {
                    // Terms are the stems the index was given, so valid UTF-8.
                    let Ok(stem) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let info = stream.value().clone();
                    let mut postings =
                        index.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
                    let mut docs = Vec::with_capacity(info.doc_freq as usize);
                    let mut doc = postings.doc();
                    while doc != TERMINATED {
                        docs.push((
                            doc,
                            bm25.score(norms.fieldnorm_id(doc), postings.term_freq()),
                        ));
                        doc = postings.advance();
                    }
                    terms.insert(stem.into(), docs.into_boxed_slice());
                }
                Ok(terms)
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Some(Scorer { fields, documents }))
    }

    /// The best `limit` documents for `plan`, best first (ties: the lower document first), as
    /// tantivy's `TopDocs` gives them; `also_said` is the dis-max tie breaker.
    pub fn top(&self, plan: &Plan<'_>, also_said: f32, limit: usize) -> Vec<(f32, DocId)> {
        let documents = self.documents as usize;
        let mut total = Sums::new(documents);
        let mut way = Sums::new(documents);
        // Per passage, for a concept of several ways: the best way's score and their sum.
        let mut best = Sums::new(documents);
        let mut sum = vec![0.0f32; documents];
        for ways in plan {
            if let [one] = ways.as_slice() {
                way.clear();
                self.way(one, &mut way);
                for &d in &way.touched {
                    total.add(d, way.score[d as usize]);
                }
                continue;
            }
            // Tantivy's `DisjunctionMaxCombiner`: the best way, plus `also_said` of the rest.
            best.clear();
            for terms in ways {
                way.clear();
                self.way(terms, &mut way);
                for &d in &way.touched {
                    let (i, s) = (d as usize, way.score[d as usize]);
                    if best.has[i] {
                        best.score[i] = s.max(best.score[i]);
                        sum[i] += s;
                    } else {
                        best.score[i] = s.max(0.0);
                        sum[i] = 0.0 + s;
                        best.has[i] = true;
                        best.touched.push(d);
                    }
                }
            }
            for &d in &best.touched {
                let (max, sum) = (best.score[d as usize], sum[d as usize]);
                total.add(d, max + (sum - max) * also_said);
            }
        }
        // The best first; among equal scores, the lower document. Documents come in order, so
        // one scoring the same as the last kept is never better than it.
        total.touched.sort_unstable();
        let mut hits: Vec<(f32, DocId)> = Vec::with_capacity(limit + 1);
        for &doc in &total.touched {
            let score = total.score[doc as usize];
            if hits.len() == limit && hits.last().is_none_or(|&(last, _)| score <= last) {
                continue;
            }
            let at = hits.partition_point(|&(s, _)| s >= score);
            hits.insert(at, (score, doc));
            hits.truncate(limit);
        }
        hits
    }

    /// One way of saying a concept: its terms' scores, summed in order into `out`, as
    /// tantivy's `TermScorer` gives each.
    fn way(&self, terms: &[FieldTerm<'_>], out: &mut Sums) {
        for t in terms {
            let Some(postings) = self.fields[t.field].get(t.stem) else {
                continue;
            };
            let weight = Bm25::weight(postings.len() as u64, self.documents, t.boost);
            for &(doc, part) in postings.iter() {
                out.add(doc, weight * part);
            }
        }
    }
}
