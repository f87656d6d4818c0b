/**
 * The Kafka live source: {@link io.rta.stream.kafka.KafkaLiveSource} follows sessions through the process's session
 * view and one shared tail of {@code rta.telemetry}, and back-fills from the telemetry kept in memory until the REST
 * API serves it.
 */
package io.rta.stream.kafka;
