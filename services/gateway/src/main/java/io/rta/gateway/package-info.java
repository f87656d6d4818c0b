/**
 * The gateway service: a stateless reverse proxy that is the outward REST API for ATLAS in front of the session,
 * config, data and stream services, applying each session's data bindings to its data requests.
 */
package io.rta.gateway;
