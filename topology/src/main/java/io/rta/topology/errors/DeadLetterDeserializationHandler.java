package io.rta.topology.errors;

import io.rta.events.DeadLetter;
import io.rta.schemas.RegistryUnavailableException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be decoded is set aside: a {@link DeadLetter} (stage
 * {@link DeadLetters#DESERIALIZATION}) holding the record's own bytes goes to the dead-letter topic in the task's
 * transaction, and processing goes on. A registry that cannot be reached is not the record's fault: the task fails
 * instead (no dead letter), so the record is read again once the registry is back.
 *
 * <p>Streams cannot send dead letters from global store updates: there the record is counted, logged and skipped.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetters deadLetters;
    private String application;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        application = id == null ? "" : id.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (RegistryUnavailableException.isCauseOf(exception)) {
            LOG.warn("Cannot decode the record {}-{}@{} while the schema registry is unavailable; it is retried: {}",
                    record.topic(), record.partition(), record.offset(), LogText.escape(exception.getMessage()));
            return Response.fail();
        }
        RecordSource source = new RecordSource(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.headers());
        DeadLetter letter = DeadLetters.letter(source, record.key(), record.value(), DeadLetters.DESERIALIZATION,
                DeadLetters.describe(exception), context.processorNodeId(), application, System.currentTimeMillis());
        return Handlers.setAside(deadLetters, letter, Handlers.isGlobal(context.taskId()), Response::resume,
                Response::resume, Response::fail);
    }
}
