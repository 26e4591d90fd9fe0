/**
 * Analysis components for Elasticsearch on the stable plugin API.
 *
 * <p>For the ingest-plugins test node (plugin {@code ingest-test-analysis}): the analyzers
 * {@code english} ({@link EnglishAnalyzerFactory}) and {@code ukrainian} ({@link
 * UkrainianAnalyzerFactory}) and the char filter {@code mapping} ({@link
 * MappingCharFilterFactory}), under the names production clusters give them. For any cluster
 * (plugin {@code ingest-uk-lemma}): the token filter {@code ingest_uk_lemma} ({@link
 * UkrainianLemmaFilterFactory}). Which zip registers which is decided by its {@code
 * named_components.json} under {@code src/plugin/}.
 */
package org.ingestplugins.analysis;
