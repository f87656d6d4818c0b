/**
 * The Redis live source: sessions published by a pipeline following the RTA Redis protocol
 * ({@code devguide/live/redis.md}: {@code stream:<name>} streams of LZ4-pickled {@code StreamDataBurst}s tagged with
 * a stream session id, the {@code streams} set and the {@code sessions} hash), streamed to WebSocket clients through
 * {@link io.rta.stream.live.LiveSource}. Entry point: {@link io.rta.stream.redis.RedisLiveSource}, configured by
 * {@link io.rta.stream.redis.RedisSettings}.
 */
package io.rta.stream.redis;
