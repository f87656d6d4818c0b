package io.rta.influx.read;

/**
 * The {@code SchemaMappingDefaults:*} options: what a schema mapping's properties fall back to.
 *
 * @param dialect {@code SchemaMappingDefaults:Dialect}
 * @param database {@code SchemaMappingDefaults:InfluxQL:Database} (may be empty: then every mapping must name one)
 * @param retentionPolicy {@code SchemaMappingDefaults:InfluxQL:RetentionPolicy}
 * @param measurement {@code SchemaMappingDefaults:InfluxQL:Measurement} (may be empty)
 */
public record MappingDefaults(String dialect, String database, String retentionPolicy, String measurement) {
}
