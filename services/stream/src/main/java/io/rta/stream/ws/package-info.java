/**
 * The WebSocket face of the stream service: {@link io.rta.stream.ws.StreamWebSockets#install} adds
 * {@code /rta/v2/sessions/{identity}/stream} to the Dropwizard server; each connection attaches to a
 * {@link io.rta.stream.live.LiveSource} and paces its client.
 */
package io.rta.stream.ws;
