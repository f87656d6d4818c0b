package io.rta.service.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one meter registry, served on {@code /metrics} in the Prometheus text format, and the stock binders
 * bound to it: the JVM's ({@code jvm_*}, {@code process_*}, {@code system_*}) and every Kafka client the process owns
 * ({@code kafka_stream_*}, {@code kafka_consumer_*}, {@code kafka_producer_*}, {@code kafka_admin_client_*}).
 * <p>
 * Created once by the process's composition root and passed through constructors; there is no global registry.
 * The Kafka binders read the clients' own in-memory metrics, so a scrape never asks a broker anything; one shared
 * thread looks for metrics the clients added (new partitions, new tasks) every {@link #KAFKA_REFRESH}.
 */
public final class ProcessMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMetrics.class);

    /**
     * How often the Kafka binders look for metrics a client added since (a partition assigned, a task created, a
     * restore started): Micrometer's default is a minute, too slow for a restore that a dashboard should show.
     */
    static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);
    static final String VIEW_RECORDS_BEHIND = "rta.view.records.behind";

    /** Latency histograms ({@code _bucket} series, for p99 by route or method in PromQL) of these timers. */
    static final List<String> HISTOGRAMS = List.of("http.server.requests", "grpc.server.processing.duration",
            "rta.write.");
    /** Their buckets: a dozen fixed bounds keep the series per route or method few. */
    static final List<Duration> BUCKETS = Stream.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000)
            .map(Duration::ofMillis).toList();

    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService kafkaRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kafka-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final Deque<AutoCloseable> binders = new ArrayDeque<>();

    private ProcessMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && HISTOGRAMS.stream().anyMatch(id.getName()::startsWith)) {
                    return DistributionStatisticConfig.builder()
                            .serviceLevelObjectives(BUCKETS.stream().mapToDouble(Duration::toNanos).toArray())
                            .build().merge(config);
                }
                return config;
            }
        });
    }

    /** A new registry with the JVM and process binders bound. */
    public static ProcessMetrics create() {
        ProcessMetrics metrics = new ProcessMetrics(new CounterSafeRegistry());
        new JvmMemoryMetrics().bindTo(metrics.registry);
        metrics.bind(new JvmGcMetrics());
        new JvmThreadMetrics().bindTo(metrics.registry);
        new ClassLoaderMetrics().bindTo(metrics.registry);
        new ProcessorMetrics().bindTo(metrics.registry);
        new UptimeMetrics().bindTo(metrics.registry);
        return metrics;
    }

    /** A new registry without the JVM binders: for tests that look at a part's own meters. */
    public static ProcessMetrics bare() {
        return new ProcessMetrics(new CounterSafeRegistry());
    }

    /**
     * The Prometheus registry, but a function counter that reads below zero is shown as 0: the Prometheus client
     * refuses a negative counter, and that refusal fails the whole scrape (every meter of {@code /metrics} lost, a 500).
     * The Kafka binders make a counter of every Kafka metric named {@code ...-total}, and some count down (Kafka
     * Streams' {@code restore-remaining-records-total} can go below zero: KAFKA-18495).
     */
    static final class CounterSafeRegistry extends PrometheusMeterRegistry {

        CounterSafeRegistry() {
            super(PrometheusConfig.DEFAULT);
        }

        @Override
        protected <T> io.micrometer.core.instrument.FunctionCounter newFunctionCounter(Meter.Id id, T obj,
                ToDoubleFunction<T> countFunction) {
            return super.newFunctionCounter(id, obj, value -> Math.max(0, countFunction.applyAsDouble(value)));
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The registry's content in the Prometheus text exposition format (0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * {@code rta_view_records_behind{view="..."}}: records of a view's input its consumer has not processed yet,
     * read from the consumer's own metrics (never a broker round trip).
     */
    public <T> void viewLag(String view, T source, ToDoubleFunction<T> recordsBehind) {
        Gauge.builder(VIEW_RECORDS_BEHIND, source, recordsBehind).tag("view", view)
                .description("records of the view's input not processed yet").register(registry);
    }

    /** Binds the consumer's metrics ({@code kafka_consumer_*}) for as long as the process runs; returns it. */
    public <C extends Consumer<?, ?>> C bindConsumer(C consumer) {
        bind(new KafkaClientMetrics(consumer, List.of(), kafkaRefresh, KAFKA_REFRESH));
        return consumer;
    }

    /** Binds the producer's metrics ({@code kafka_producer_*}) for as long as the process runs; returns it. */
    public <P extends Producer<?, ?>> P bindProducer(P producer) {
        bind(new KafkaClientMetrics(producer, List.of(), kafkaRefresh, KAFKA_REFRESH));
        return producer;
    }

    /** Binds the admin client's metrics ({@code kafka_admin_client_*}) for as long as the process runs; returns it. */
    public <A extends AdminClient> A bindAdmin(A admin) {
        bind(new KafkaClientMetrics(admin, List.of(), kafkaRefresh, KAFKA_REFRESH));
        return admin;
    }

    /**
     * Binds the Streams client's metrics ({@code kafka_stream_*}: threads, tasks, state stores, restores) and those of
     * its embedded consumers and producers; returns it.
     */
    public KafkaStreams bindStreams(KafkaStreams streams) {
        bind(new KafkaStreamsMetrics(streams, List.of(), kafkaRefresh, KAFKA_REFRESH));
        return streams;
    }

    private synchronized <B extends MeterBinder & AutoCloseable> void bind(B binder) {
        binder.bindTo(registry);
        binders.push(binder);
    }

    /** Unbinds every client (newest first) and closes the registry. */
    @Override
    public synchronized void close() {
        kafkaRefresh.shutdownNow();
        for (AutoCloseable binder = binders.poll(); binder != null; binder = binders.poll()) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.warn("Could not unbind {}: {}", binder.getClass().getSimpleName(), e.toString());
            }
        }
        registry.close();
    }
}
