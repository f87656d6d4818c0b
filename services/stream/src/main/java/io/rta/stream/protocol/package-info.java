/**
 * The wire format of {@code net_stream.proto} as the connection needs it: burst entries encoded once, bursts packed
 * and LZ4-pickled, client requests read, and the widen-only subscription they build.
 */
package io.rta.stream.protocol;
