package io.rta.topology;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic: its full name, the serdes of its key and value, and how it must be created.
 *
 * @param name full topic name, prefix included
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value (Avro, Confluent wire format)
 * @param valueSchema the Avro schema of the value, registered under the subject {@code <name>-value}
 * @param configs topic-level configs applied when the topic is created
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Schema valueSchema,
                          Map<String, String> configs) {

    /** The registry subject of the value schema (Confluent TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }


    @Override
    public String toString() {
        return name;
    }
}
