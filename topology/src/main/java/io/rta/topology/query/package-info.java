/**
 * The read-side language of the session catalog: the RTA query dialect ({@link
 * io.rta.topology.query.SessionQuery}), typed multi-key sorts ({@link io.rta.topology.query.SessionSort})
 * and the SessionMetamodel ({@link io.rta.topology.query.Metamodel} over {@link
 * io.rta.topology.query.Facets}). Semantics decided where the spec is silent: topology/docs/session-read-model.md.
 */
package io.rta.topology.query;
