package io.rta.topology.errors;

import io.rta.events.DeadLetter;
import io.rta.schemas.RegistryUnavailableException;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception while a processor applies a record sets the record aside: a {@link DeadLetter} (stage
 * {@link DeadLetters#PROCESSING}) with the record's source bytes and the exception's class and message goes to the
 * dead-letter topic in the task's transaction, and processing goes on. Processors validate before they write, so the
 * record left no partial state behind (where one still could, its processor says so).
 *
 * <ul>
 *   <li>A registry that cannot be reached is not the record's fault: the task fails (no dead letter), so the record
 *       is processed again once the registry is back.</li>
 *   <li>A failed punctuation (scheduled work, no record) is counted and logged; the next one runs as planned.</li>
 * </ul>
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;
    private String application;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.from(configs);
        Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        application = id == null ? "" : id.toString();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (RegistryUnavailableException.isCauseOf(exception)) {
            LOG.warn("Processor {} cannot go on while the schema registry is unavailable; the record {}-{}@{} is "
                            + "retried: {}", context.processorNodeId(), context.topic(), context.partition(),
                    context.offset(), LogText.escape(exception.getMessage()));
            return Response.fail();
        }
        if (record == null || context.topic() == null) {
            deadLetters.punctuationFailed(context.processorNodeId(), exception);
            return Response.resume();
        }
        RecordSource source = new RecordSource(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.headers());
        DeadLetter letter = DeadLetters.letter(source, context.sourceRawKey(), context.sourceRawValue(),
                DeadLetters.PROCESSING, DeadLetters.describe(exception), context.processorNodeId(), application,
                System.currentTimeMillis());
        LOG.debug("The failure that set aside {}", DeadLetters.key(letter), exception);
        return Handlers.setAside(deadLetters, letter, Handlers.isGlobal(context.taskId()), Response::resume,
                Response::resume, Response::fail);
    }
}
