package io.rta.data.kafka;

import io.rta.data.DataUnavailableException;
import io.rta.data.OwnerLocator;
import io.rta.service.kafka.StreamsRunner;
import io.rta.topology.data.ChunkTopology;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Finds the owner of a data identity from Kafka Streams metadata: the active host of the identity's partition of the
 * chunk store ({@code application.server} is each instance's advertised host and HTTP port).
 */
public final class StreamsOwnerLocator implements OwnerLocator {

    private final StreamsRunner streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server} */
    public StreamsOwnerLocator(StreamsRunner streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public Optional<HostInfo> remoteOwner(String dataIdentity) {
        if (streams.metadataForAllStreamsClients().size() <= 1) {
            return Optional.empty();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(ChunkTopology.CHUNK_STORE, dataIdentity,
                Serdes.String().serializer());
        if (metadata == KeyQueryMetadata.NOT_AVAILABLE || metadata.activeHost() == null) {
            throw new DataUnavailableException("the owner of the data of '" + dataIdentity
                    + "' is not known yet (Kafka Streams is " + streams.state() + "); retry shortly");
        }
        return metadata.activeHost().equals(self) ? Optional.empty() : Optional.of(metadata.activeHost());
    }
}
