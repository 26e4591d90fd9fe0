package org.ingestplugins.analysis;

import java.util.List;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/** The settings of a {@code mapping} char filter that this plugin reads. */
@AnalysisSettings
public interface MappingSettings {

    /** Rules {@code KEY=>VALUE} in Elasticsearch's syntax (see {@link MappingRules}). */
    @ListSetting(path = "mappings")
    List<String> mappings();
}
