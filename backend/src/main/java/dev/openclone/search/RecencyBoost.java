package dev.openclone.search;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * A boost for recent events when ranking by relevance: 1.5 for one captured now, 1.25 a month ago, falling
 * towards 1. Relevance decides; between similar matches the newer comes first.
 */
final class RecencyBoost extends DoubleValuesSource {

    private static final double DAY_MILLIS = 86_400_000d;
    private final long now;

    RecencyBoost(long now) {
        this.now = now;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext leaf, DoubleValues scores) throws IOException {
        NumericDocValues captured = DocValues.getNumeric(leaf.reader(), SearchDocument.CAPTURED);
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                long at = captured.advanceExact(doc) ? captured.longValue() : now;
                double days = Math.max(0, (now - at) / DAY_MILLIS);
                value = 1 + 0.5 / (1 + days / 30);
                return true;
            }
        };
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext leaf) {
        return DocValues.isCacheable(leaf, SearchDocument.CAPTURED);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecencyBoost boost && boost.now == now;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(now);
    }

    @Override
    public String toString() {
        return "recency(" + now + ")";
    }
}
