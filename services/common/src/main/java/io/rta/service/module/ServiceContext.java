package io.rta.service.module;

import io.rta.schemas.CcompatRegistryClient;
import io.rta.service.config.Options;
import io.rta.service.kafka.EventProducer;
import io.rta.service.kafka.StreamsRunner;
import io.rta.service.metrics.ProcessMetrics;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.state.HostInfo;

/**
 * What the Kafka-backed modules of one process share: built once by the process (the server, or a standalone
 * service's command) and handed to each module's constructor. The process owns and closes every part of it.
 *
 * @param options the process's options (a module reads only options the command lists)
 * @param bootstrapServers the Kafka cluster
 * @param producer writes events; one per process
 * @param timer the write timer: read-your-writes waits and their stall checks
 * @param admin the process's Kafka admin client (committed offsets, broker checks)
 * @param streams the process's one Kafka Streams application, running this process's topology parts
 * @param applicationId that application's id, which is also the consumer group whose commits tell what is readable
 * @param self where other instances reach this one's HTTP port (Kafka Streams' {@code application.server})
 * @param limits the input limits
 * @param writeTimeout how long a write may wait on a view that makes no progress
 */
public record ServiceContext(Options options, ProcessMetrics metrics, Topics topics, CcompatRegistryClient registry,
                             String bootstrapServers, EventProducer producer, ScheduledExecutorService timer,
                             Admin admin, StreamsRunner streams, String applicationId, HostInfo self,
                             InputLimits limits, Duration writeTimeout) {
}
