package io.rta.stream.live;

/**
 * One event or data item ready for the wire: {@code element} is a complete entry of {@code StreamDataBurst.data}
 * (tag {@code 0x0A}, varint length, then the {@code StreamData} message holding one {@code timestamped_data},
 * {@code periodic_data}, {@code row_data} or {@code event}), encoded once by the source and shared by every client.
 *
 * @param event      true for an {@code Event} (subscribed by {@code all_events}), false for sample data
 * @param channelIds the channels the item carries (one, or a row's channel set; empty for events)
 * @param endTime    the item's last timestamp (ns since the Unix epoch), for latency figures and time ranges
 */
public record LiveData(boolean event, int[] channelIds, long endTime, byte[] element) {

    /** Bytes the item occupies in a burst before compression (what client buffers count). */
    public int size() {
        return element.length;
    }
}
