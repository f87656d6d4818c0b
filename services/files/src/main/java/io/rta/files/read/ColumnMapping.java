package io.rta.files.read;

import io.rta.service.chunks.SampleType;

/**
 * One mapped column: served as timestamped samples of a channel, in the channel's type.
 *
 * @param column the column name ({@code source_field})
 * @param channel {@code target_channel}
 * @param type {@code target_channel_data_type}; double when unspecified
 */
public record ColumnMapping(String column, long channel, SampleType type) implements ChunkCache.Part {
}
