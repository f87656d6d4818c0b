package io.rta.topology.session;

import io.rta.events.DeadLetter;
import io.rta.events.SessionFolder;
import io.rta.topology.errors.SetAside;
import io.rta.topology.limits.InputLimits;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads the folders topic only to set aside what breaks {@link FolderRules}: the folder view is fed by the view
 * loader, which reads the topic from the start on every start-up and skips such records; this guard, with Streams'
 * committed offsets, dead-letters each of them exactly once. Stateless.
 */
final class FolderGuardProcessor implements Processor<String, SessionFolder, String, DeadLetter> {

    private final InputLimits limits;
    private final SetAside<String, SessionFolder> setAside;

    FolderGuardProcessor(InputLimits limits, SetAside<String, SessionFolder> setAside) {
        this.limits = limits;
        this.setAside = setAside;
    }

    @Override
    public void init(ProcessorContext<String, DeadLetter> context) {
        setAside.init(context);
    }

    @Override
    public void process(Record<String, SessionFolder> record) {
        String problem = FolderRules.problem(record.key(), record.value(), limits);
        if (problem != null) {
            setAside.record(record, problem);
        }
    }
}
