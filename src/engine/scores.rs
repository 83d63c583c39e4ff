//! BM25 scores of a question's concepts over the one segment of the search index, computed
//! straight from tantivy's postings and field norms with tantivy's BM25 (its expressions, see
//! [`Bm25`]), and combined in exactly the order tantivy's nested queries combine them: the
//! same scores, to the bit, and the same top passages. Tantivy builds a query tree, a weight per clause and a 4,096-document score
//! buffer per nested union for every question; on 50 documents that was most of the search.
//! [`super::search::SearchIndex`] keeps tantivy's own search for the one shape this does not
//! reproduce (every concept a single term: tantivy then sums in Block-WAND's order).

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::InvertedIndexReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, TERMINATED, Term};

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

/// What scoring one field needs, read once from the segment.
struct FieldScoring {
    field: Field,
    index: Arc<InvertedIndexReader>,
    norms: FieldNormReader,
    bm25: Bm25,
}

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

    /// The score of a term of weight `weight`, `term_freq` times in a document of field-norm id
    /// `fieldnorm_id`.
    fn score(&self, weight: f32, fieldnorm_id: u8, term_freq: u32) -> f32 {
        let term_freq = term_freq as f32;
        weight * (term_freq / (term_freq + self.norm[usize::from(fieldnorm_id)]))
    }
}

/// Scores [`Plan`]s over a single-segment index.
pub struct Scorer {
    fields: Vec<FieldScoring>,
    /// Documents in the index, as tantivy counts them for BM25.
    documents: u64,
}

/// Passages with a score, sorted by passage.
type Scored = Vec<(DocId, f32)>;

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
                let average = index.total_num_tokens() as f32 / documents as f32;
                Ok(FieldScoring {
                    field,
                    index,
                    norms,
                    bm25: Bm25::new(average),
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Some(Scorer { fields, documents }))
    }

    /// The best `limit` documents for `plan`, best first (ties: the lower document first), as
    /// tantivy's `TopDocs` gives them; `also_said` is the dis-max tie breaker.
    pub fn top(
        &self,
        plan: &Plan<'_>,
        also_said: f32,
        limit: usize,
    ) -> std::io::Result<Vec<(f32, DocId)>> {
        let mut total: Scored = Vec::new();
        for ways in plan {
            let concept = if let [way] = ways.as_slice() {
                self.way(way)?
            } else {
                // Tantivy's `DisjunctionMaxCombiner`: the best way, plus `also_said` of the rest.
                let mut best: Vec<(DocId, f32, f32)> = Vec::new();
                for way in ways {
                    best = merge(
                        best,
                        self.way(way)?,
                        |(d, max, sum)| (d, max, sum),
                        |(d, s)| (d, s.max(0.0), 0.0 + s),
                        |(d, max, sum), (_, s)| (d, s.max(max), sum + s),
                    );
                }
                best.into_iter()
                    .map(|(d, max, sum)| (d, max + (sum - max) * also_said))
                    .collect()
            };
            total = sum(total, concept);
        }
        // The best first; among equal scores, the lower document. Documents come in order, so
        // one scoring the same as the last kept is never better than it.
        let mut hits: Vec<(f32, DocId)> = Vec::with_capacity(limit + 1);
        for (doc, score) in total {
            if hits.len() == limit && hits.last().is_none_or(|&(last, _)| score <= last) {
                continue;
            }
            let at = hits.partition_point(|&(s, _)| s >= score);
            hits.insert(at, (score, doc));
            hits.truncate(limit);
        }
        Ok(hits)
    }

    /// One way of saying a concept: its terms' scores, summed in order.
    fn way(&self, terms: &[FieldTerm<'_>]) -> std::io::Result<Scored> {
        let mut total: Scored = Vec::new();
        for t in terms {
            total = sum(total, self.term(t)?);
        }
        Ok(total)
    }

    /// A term's BM25 score in each document that holds it, as tantivy's `TermScorer` gives it.
    fn term(&self, t: &FieldTerm<'_>) -> std::io::Result<Scored> {
        let f = &self.fields[t.field];
        let term = Term::from_field_text(f.field, t.stem);
        let Some(info) = f.index.get_term_info(&term)? else {
            return Ok(Vec::new());
        };
        let weight = Bm25::weight(u64::from(info.doc_freq), self.documents, t.boost);
        let mut postings = f
            .index
            .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let mut out = Vec::with_capacity(info.doc_freq as usize);
        let mut doc = postings.doc();
        while doc != TERMINATED {
            out.push((
                doc,
                f.bm25
                    .score(weight, f.norms.fieldnorm_id(doc), postings.term_freq()),
            ));
            doc = postings.advance();
        }
        Ok(out)
    }
}

/// Tantivy's `SumCombiner` over two lists: `0.0 + a + b`, in that order.
fn sum(a: Scored, b: Scored) -> Scored {
    merge(
        a,
        b,
        |x| x,
        |(d, s)| (d, 0.0 + s),
        |(d, x), (_, s)| (d, x + s),
    )
}

/// Merges `acc` (sorted by document, first field) with `next` (sorted by document): `keep`
/// for a document only `acc` has, `start` for one only `next` has, `add` for both.
fn merge<A: Copy + HasDoc>(
    acc: Vec<A>,
    next: Scored,
    keep: impl Fn(A) -> A,
    start: impl Fn((DocId, f32)) -> A,
    add: impl Fn(A, (DocId, f32)) -> A,
) -> Vec<A> {
    if acc.is_empty() {
        return next.into_iter().map(start).collect();
    }
    let mut out = Vec::with_capacity(acc.len() + next.len());
    let (mut i, mut j) = (0, 0);
    while i < acc.len() && j < next.len() {
        let (a, n) = (acc[i], next[j]);
        match a.doc().cmp(&n.0) {
            std::cmp::Ordering::Less => {
                out.push(keep(a));
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(start(n));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(add(a, n));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend(acc[i..].iter().copied().map(keep));
    out.extend(next[j..].iter().copied().map(start));
    out
}

/// An entry of a list sorted by document.
trait HasDoc {
    fn doc(&self) -> DocId;
}

impl HasDoc for (DocId, f32) {
    fn doc(&self) -> DocId {
        self.0
    }
}

impl HasDoc for (DocId, f32, f32) {
    fn doc(&self) -> DocId {
        self.0
    }
}
