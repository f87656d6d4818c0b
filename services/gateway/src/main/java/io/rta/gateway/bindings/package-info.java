/**
 * Data bindings: planning a session data request onto data services ({@link io.rta.gateway.bindings.BindingPlanner})
 * and turning their answers into the session's ({@link io.rta.gateway.bindings.BindingResponses}). Transport-free:
 * the gateway's HTTP code fetches bindings and answers and hands them here.
 */
package io.rta.gateway.bindings;
