package io.rta.config.api;

import java.util.Optional;

/**
 * Reads configs from this process's view. Implementations answer locally (configs are a global store) and may throw
 * an unchecked exception while the view is unavailable (for example during a rebalance).
 */
public interface ConfigReader {

    /** The config stored under {@code identifier}, or empty when there is none. */
    Optional<StoredConfig> get(String identifier);

    /** Whether a config is stored under {@code identifier}; override when that is cheaper than reading it. */
    default boolean contains(String identifier) {
        return get(identifier).isPresent();
    }
}
