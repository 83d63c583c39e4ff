//! BM25 scores of a question's concepts over the one segment of the search index, computed
//! straight from tantivy's postings, field norms and [`Bm25Weight`], and combined in exactly
//! the order tantivy's nested queries combine them: the same scores, to the bit, and the same
//! top passages. Tantivy builds a query tree, a weight per clause and a 4,096-document score
//! buffer per nested union for every question; on 50 documents that was most of the search.
//! [`super::search::SearchIndex`] keeps tantivy's own search for the one shape this does not
//! reproduce (every concept a single term: tantivy then sums in Block-WAND's order).

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::InvertedIndexReader;
use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
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
    /// Tokens per document, as tantivy's statistics give it.
    average: f32,
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
                    average,
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
        let by_score = |a: &(f32, DocId), b: &(f32, DocId)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        let mut hits: Vec<(f32, DocId)> = total.into_iter().map(|(d, s)| (s, d)).collect();
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, by_score);
        }
        hits.truncate(limit);
        hits.sort_unstable_by(by_score);
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
        let weight = Bm25Weight::for_one_term_without_explain(
            u64::from(info.doc_freq),
            self.documents,
            f.average,
        )
        .boost_by(t.boost);
        let mut postings = f
            .index
            .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let mut out = Vec::with_capacity(info.doc_freq as usize);
        let mut doc = postings.doc();
        while doc != TERMINATED {
            out.push((
                doc,
                weight.score(f.norms.fieldnorm_id(doc), postings.term_freq()),
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
