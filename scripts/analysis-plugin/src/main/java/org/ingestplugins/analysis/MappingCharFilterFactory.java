package org.ingestplugins.analysis;

import java.io.Reader;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.CharFilterFactory;

/**
 * The {@code mapping} char filter: replaces each key of its {@code mappings} rules by the value,
 * longest key first, e.g. {@code "’=>'"} or {@code "\\u0301=>"} (an empty value deletes).
 * Rules that cannot be read fail the index creation with the rule in the message.
 *
 * <p>Elasticsearch also builds every char filter without settings for each new index (in case
 * an analyzer names it bare), so no rules is not an error here: the filter then changes nothing.
 */
@NamedComponent("mapping")
public final class MappingCharFilterFactory implements CharFilterFactory {
    private final NormalizeCharMap map; // null: no rules

    /** Reads and checks the rules once per index. */
    @Inject
    public MappingCharFilterFactory(MappingSettings settings) {
        this.map = MappingRules.parse(settings.mappings());
    }

    @Override
    public Reader create(Reader reader) {
        return map == null ? reader : new MappingCharFilter(map, reader);
    }

    @Override
    public Reader normalize(Reader reader) {
        return create(reader);
    }
}
