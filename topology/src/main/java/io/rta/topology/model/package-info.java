/**
 * The session value model shared by queries, sorts, the metamodel and JSON: typed {@link
 * io.rta.topology.model.Value}s, parsed {@link io.rta.topology.model.PropertyRef}s, ISO 8601
 * handling ({@link io.rta.topology.model.DateTimes}) and {@link io.rta.topology.model.SessionValues},
 * a read-only typed wrapper of an Avro {@code SessionState}.
 */
package io.rta.topology.model;
