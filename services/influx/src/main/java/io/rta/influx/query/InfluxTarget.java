package io.rta.influx.query;

/**
 * Where a data identity's points are: an InfluxQL database, retention policy and measurement (from the schema
 * mapping's properties, else the service's {@code SchemaMappingDefaults}).
 */
public record InfluxTarget(String database, String retentionPolicy, String measurement) {

    /** {@code "db"."rp"."measurement"}, each identifier quoted. */
    public String from() {
        return InfluxQl.identifier(database) + "." + InfluxQl.identifier(retentionPolicy) + "."
                + InfluxQl.identifier(measurement);
    }
}
