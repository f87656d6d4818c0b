/**
 * Data bindings: reading a session's bindings ({@link io.rta.gateway.bindings.DataBindingsJson}), planning a session
 * data request onto data services ({@link io.rta.gateway.bindings.BindingPlanner}) and turning their answers into the
 * session's ({@link io.rta.gateway.bindings.BindingResponses}). Transport-free: the gateway's HTTP code fetches
 * bindings and answers and hands them here. Inside: {@code BindingMap} (one binding applied to one request),
 * {@code ChunkTransform} (one answer, chunk by chunk), {@code ListRewriter} (one list, field by field).
 */
package io.rta.gateway.bindings;
