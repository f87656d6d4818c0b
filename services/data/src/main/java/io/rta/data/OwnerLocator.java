package io.rta.data;

import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Answers which instance holds the chunks of a data identity. */
@FunctionalInterface
public interface OwnerLocator {

    /** A single instance holds everything. */
    OwnerLocator SELF = dataIdentity -> Optional.empty();

    /**
     * @return the owner's HTTP address when another instance owns the data identity; empty when this one does
     * @throws DataUnavailableException when ownership is unknown (start-up, rebalance)
     */
    Optional<HostInfo> remoteOwner(String dataIdentity);
}
