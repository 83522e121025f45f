/**
 * Okapi BM25 over an in-memory inverted index that documents can be added to and
 * removed from one by one (so a tenant's index is refreshed without rebuilding it).
 *
 *   score(D, Q) = Σ_{t ∈ Q} idf(t) · f(t,D)·(k1+1) / (f(t,D) + k1·(1 − b + b·|D|/avgdl))
 *   idf(t)      = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))
 *
 * The idf is Lucene's form: never negative, so a term in most documents still counts a little.
 */
export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation (0: none, 1: full). */
  b?: number;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

interface Doc {
  length: number;
  terms: Map<string, number>;
}

export class Bm25Index {
  private readonly k1: number;
  private readonly b: number;
  private readonly docs = new Map<string, Doc>();
  /** term → document id → frequency in it. */
  private readonly postings = new Map<string, Map<string, number>>();
  private totalLength = 0;

  constructor(options: Bm25Options = {}) {
    this.k1 = options.k1 ?? 1.2;
    this.b = options.b ?? 0.75;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  /** Adds (or replaces) a document given as its terms. */
  add(id: string, terms: readonly string[]): void {
    this.remove(id);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    this.docs.set(id, { length: terms.length, terms: counts });
    this.totalLength += terms.length;
    for (const [term, count] of counts) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, count);
    }
  }

  remove(id: string): boolean {
    const doc = this.docs.get(id);
    if (!doc) return false;
    this.docs.delete(id);
    this.totalLength -= doc.length;
    for (const term of doc.terms.keys()) {
      const posting = this.postings.get(term)!;
      posting.delete(id);
      if (!posting.size) this.postings.delete(term);
    }
    return true;
  }

  /** Inverse document frequency of a term in the current collection. */
  idf(term: string): number {
    const n = this.postings.get(term)?.size ?? 0;
    return Math.log(1 + (this.docs.size - n + 0.5) / (n + 0.5));
  }

  /**
   * Documents sharing at least one term with the query, best first (ties by id, for
   * stable results). `accept` filters candidates before they are ranked.
   */
  search(query: readonly string[], limit: number, accept?: (id: string) => boolean): Bm25Hit[] {
    if (!this.docs.size) return [];
    const avgdl = this.totalLength / this.docs.size || 1;
    const scores = new Map<string, number>();
    // A repeated query term counts once per occurrence, as in the formula's sum over Q.
    for (const term of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term);
      for (const [id, f] of posting) {
        if (accept && !accept(id)) continue;
        const length = this.docs.get(id)!.length;
        const tf = (f * (this.k1 + 1)) / (f + this.k1 * (1 - this.b + (this.b * length) / avgdl));
        scores.set(id, (scores.get(id) ?? 0) + idf * tf);
      }
    }
    return [...scores]
      .map(([id, score]) => ({ id, score }))
      .sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
      .slice(0, limit);
  }
}
