package io.rta.topology.query;

/** A property found by metamodel discovery: id ("details.Driver"), label and an optional description (null). */
public record PropertySummary(String id, String label, String description) {
}
