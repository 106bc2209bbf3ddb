package dev.openclone.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The words of a search as a Lucene query: plain words are alternatives that rank an event higher the more of
 * them it holds, a "quoted phrase" must be there as written, a -word must not, and word* matches every word it
 * begins. A word in Chinese or Japanese is the phrase of its character pairs, so {@code 会議} is found as a word.
 */
final class QueryText {

    private static final Pattern TOKEN = Pattern.compile("(-?)\"([^\"]*)\"|(\\S+)");
    private static final QueryBuilder BUILDER = new QueryBuilder(SearchIndex.ANALYZER);

    private QueryText() {
    }

    /** The query for {@code q}; null when q holds nothing to search for (then only filters apply). */
    static Query parse(String q, String field) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        boolean positive = false;
        boolean any = false;
        Matcher token = TOKEN.matcher(q);
        while (token.find()) {
            boolean phrase = token.group(2) != null;
            String text = phrase ? token.group(2) : token.group(3);
            boolean excluded = phrase ? !token.group(1).isEmpty() : text.startsWith("-") && text.length() > 1;
            if (excluded && !phrase) {
                text = text.substring(1);
            }
            Query part = text.endsWith("*") && !phrase ? prefix(field, text.substring(0, text.length() - 1))
                    : BUILDER.createPhraseQuery(field, text);
            if (part == null) {
                continue;
            }
            any = true;
            BooleanClause.Occur occur = excluded ? BooleanClause.Occur.MUST_NOT
                    : phrase ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD;
            positive |= !excluded;
            query.add(part, occur);
        }
        if (!any) {
            return null;
        }
        if (!positive) {
            query.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
        }
        return query.build();
    }

    private static Query prefix(String field, String start) {
        if (start.isBlank()) {
            return null;
        }
        BytesRef normalized = SearchIndex.ANALYZER.normalize(field, start);
        return new PrefixQuery(new Term(field, normalized));
    }

}
