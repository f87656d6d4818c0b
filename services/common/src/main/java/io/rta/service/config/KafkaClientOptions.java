package io.rta.service.config;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client properties passed through to every producer, consumer, admin client and Kafka Streams instance of a
 * process — what a secured cluster needs (SASL, TLS, mutual TLS to a Strimzi listener with a {@code KafkaUser}):
 * {@code --Kafka:security.protocol SASL_SSL}, {@code RTA_KAFKA__SASL_MECHANISM=SCRAM-SHA-512} ({@code _} in an
 * environment variable's key stands for {@code .}: environment names cannot hold dots), or a {@code "Kafka"} object
 * in the config file. Properties the services set for correctness (exactly-once, idempotence, serializers, group and
 * application ids, the cluster's address) cannot be overridden.
 */
public final class KafkaClientOptions {

    public static final OptionDef KAFKA = OptionDef.section("Kafka", "<property>",
            "A Kafka client property for every producer, consumer, admin client and Kafka Streams instance, e.g. "
                    + "Kafka:security.protocol SASL_SSL, Kafka:sasl.jaas.config ... (in an environment variable, _ "
                    + "stands for .: RTA_KAFKA__SECURITY_PROTOCOL).");

    /** Set by the services themselves, for correctness: refused as {@link #KAFKA} keys. */
    static final Set<String> RESERVED = Set.of("bootstrap.servers", "application.id", "processing.guarantee",
            "isolation.level", "enable.idempotence", "acks", "transactional.id", "group.id", "group.instance.id",
            "key.serializer", "value.serializer", "key.deserializer", "value.deserializer", "enable.auto.commit",
            "application.server", "state.dir");

    private KafkaClientOptions() {
    }

    /**
     * The {@link #KAFKA} properties of {@code options}, by Kafka name.
     *
     * @throws IllegalArgumentException naming a property the services set themselves
     */
    public static Map<String, String> properties(Options options) {
        if (!options.defs().contains(KAFKA)) {
            return Map.of();
        }
        Map<String, String> properties = new TreeMap<>();
        options.getSection(KAFKA).forEach((key, value) -> {
            String name = key.replace('_', '.');
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("Kafka:" + name + " cannot be set: the services set it themselves"
                        + (name.equals("bootstrap.servers") ? " (use BootstrapServers)" : ""));
            }
            properties.put(name, value);
        });
        return Collections.unmodifiableMap(properties);
    }

    /** {@code config} with the {@link #KAFKA} properties of {@code options} added. */
    public static Map<String, Object> apply(Map<String, Object> config, Options options) {
        config.putAll(properties(options));
        return config;
    }
}
