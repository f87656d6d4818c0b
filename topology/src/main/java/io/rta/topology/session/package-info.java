/**
 * Session domain logic, free of Kafka Streams: {@link io.rta.topology.session.SessionBatchValidator} checks an
 * update batch, {@link io.rta.topology.session.SessionApplier} folds it into a session's state; helpers name
 * the model's states ({@link io.rta.topology.session.SessionStates}), parse and render its date-times
 * ({@link io.rta.topology.session.Timestamps}) and type its details ({@link io.rta.topology.session.Details}).
 */
package io.rta.topology.session;
