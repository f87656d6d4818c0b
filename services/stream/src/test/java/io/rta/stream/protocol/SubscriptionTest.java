package io.rta.stream.protocol;

import static io.rta.stream.LiveItems.event;
import static io.rta.stream.LiveItems.periodic;
import static io.rta.stream.LiveItems.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.live.LiveData;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final Subscription subscription = new Subscription();

    @Test
    void shouldMatchNothingBeforeTheFirstSubscribe() {
        assertThat(subscription.matches(periodic(1, 1))).isFalse();
        assertThat(subscription.matches(event(1))).isFalse();
    }

    @Test
    void shouldMatchSubscribedChannelsAndRowsHoldingOne() {
        subscription.widen(channels(3, 1));

        assertThat(subscription.matches(periodic(1, 1))).isTrue();
        assertThat(subscription.matches(periodic(3, 1))).isTrue();
        assertThat(subscription.matches(periodic(2, 1))).isFalse();
        assertThat(subscription.matches(row(1, 2, 3))).isTrue();
        assertThat(subscription.matches(row(1, 2, 4))).isFalse();
        assertThat(subscription.matches(event(1))).isFalse();
    }

    @Test
    void shouldMatchEventsOnlyWithAllEvents() {
        subscription.widen(StreamSubscription.newBuilder().setAllDataChannels(true).build());
        assertThat(subscription.matches(event(1))).isFalse();

        subscription.widen(StreamSubscription.newBuilder().setAllEvents(true).build());
        assertThat(subscription.matches(event(1))).isTrue();
        assertThat(subscription.matches(periodic(99, 1))).isTrue();
    }

    @Test
    void shouldMatchChannelIdsAboveTheSignedRange() {
        subscription.widen(StreamSubscription.newBuilder().addDataChannelIds(0xFFFF_FFF0).build());

        assertThat(subscription.matches(periodic(0xFFFF_FFF0, 1))).isTrue();
        assertThat(subscription.matches(periodic(0x7FFF_FFF0, 1))).isFalse();
    }

    @Test
    void shouldOnlyWidenSoAnEmptyRequestChangesNothing() {
        subscription.widen(channels(1));

        assertThat(subscription.widen(StreamSubscription.getDefaultInstance())).isEmpty();
        assertThat(subscription.matches(periodic(1, 1))).isTrue();
    }

    @Test
    void shouldReportNothingAddedWhenTheRequestIsAlreadyCovered() {
        subscription.widen(StreamSubscription.newBuilder().setAllDataChannels(true).setAllEvents(true).build());

        assertThat(subscription.widen(channels(1, 2))).isEmpty();
    }

    @Test
    void shouldBackfillOnlyWhatAWideningAdded() {
        LiveData one = periodic(1, 1);
        LiveData two = periodic(2, 2);
        LiveData rowOfBoth = row(3, 1, 2);
        LiveData rowOfTwo = row(4, 2, 5);
        LiveData anEvent = event(5);
        List<LiveData> retained = List.of(one, two, rowOfBoth, rowOfTwo, anEvent);

        Predicate<LiveData> first = subscription.widen(channels(1)).orElseThrow();
        assertThat(retained.stream().filter(first)).containsExactly(one, rowOfBoth);

        Predicate<LiveData> second = subscription.widen(StreamSubscription.newBuilder().addDataChannelIds(1)
                .addDataChannelIds(2).setAllEvents(true).build()).orElseThrow();
        assertThat(retained.stream().filter(second)).containsExactly(two, rowOfTwo, anEvent);

        Predicate<LiveData> third = subscription.widen(StreamSubscription.newBuilder().setAllDataChannels(true)
                .build()).orElseThrow();
        assertThat(retained.stream().filter(third)).isEmpty();
        assertThat(third.test(periodic(9, 9))).isTrue();
    }

    private static StreamSubscription channels(int... ids) {
        StreamSubscription.Builder request = StreamSubscription.newBuilder();
        for (int id : ids) {
            request.addDataChannelIds(id);
        }
        return request.build();
    }
}
