/**
 * The contract between live sources (Kafka, Redis) and WebSocket connections: a source fans each session's updates
 * and data out to attached {@link io.rta.stream.live.LiveListener}s, already encoded for the wire; a connection
 * filters by its subscription, packs bursts and paces the client.
 */
package io.rta.stream.live;
