package io.rta.stream.protocol;

import static io.rta.stream.LiveItems.event;
import static io.rta.stream.LiveItems.periodic;
import static io.rta.stream.LiveItems.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rta.proto.model.net.stream.StreamSubscription;
import io.rta.stream.live.LiveData;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final Subscription subscription = new Subscription();

    @Test
    void shouldMatchNothingBeforeTheFirstSubscribe() throws SubscriptionLimitException {
        assertThat(subscription.matches(periodic(1, 1))).isFalse();
        assertThat(subscription.matches(event(1))).isFalse();
    }

    @Test
    void shouldMatchSubscribedChannelsAndRowsHoldingOne() throws SubscriptionLimitException {
        subscription.widen(channels(3, 1));

        assertThat(subscription.matches(periodic(1, 1))).isTrue();
        assertThat(subscription.matches(periodic(3, 1))).isTrue();
        assertThat(subscription.matches(periodic(2, 1))).isFalse();
        assertThat(subscription.matches(row(1, 2, 3))).isTrue();
        assertThat(subscription.matches(row(1, 2, 4))).isFalse();
        assertThat(subscription.matches(event(1))).isFalse();
    }

    @Test
    void shouldMatchEventsOnlyWithAllEvents() throws SubscriptionLimitException {
        subscription.widen(StreamSubscription.newBuilder().setAllDataChannels(true).build());
        assertThat(subscription.matches(event(1))).isFalse();

        subscription.widen(StreamSubscription.newBuilder().setAllEvents(true).build());
        assertThat(subscription.matches(event(1))).isTrue();
        assertThat(subscription.matches(periodic(99, 1))).isTrue();
    }

    @Test
    void shouldMatchChannelIdsAboveTheSignedRange() throws SubscriptionLimitException {
        subscription.widen(StreamSubscription.newBuilder().addDataChannelIds(0xFFFF_FFF0).build());

        assertThat(subscription.matches(periodic(0xFFFF_FFF0, 1))).isTrue();
        assertThat(subscription.matches(periodic(0x7FFF_FFF0, 1))).isFalse();
    }

    @Test
    void shouldOnlyWidenSoAnEmptyRequestChangesNothing() throws SubscriptionLimitException {
        subscription.widen(channels(1));

        assertThat(subscription.widen(StreamSubscription.getDefaultInstance())).isEmpty();
        assertThat(subscription.matches(periodic(1, 1))).isTrue();
    }

    @Test
    void shouldReportNothingAddedWhenTheRequestIsAlreadyCovered() throws SubscriptionLimitException {
        subscription.widen(StreamSubscription.newBuilder().setAllDataChannels(true).setAllEvents(true).build());

        assertThat(subscription.widen(channels(1, 2))).isEmpty();
    }

    @Test
    void shouldBackfillOnlyWhatAWideningAdded() throws SubscriptionLimitException {
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

    @Test
    void shouldRefuseARequestNamingMoreChannelsThanTheLimitAndKeepTheSubscription() throws Exception {
        Subscription limited = new Subscription(3);
        limited.widen(channels(1));

        assertThatThrownBy(() -> limited.widen(channels(5, 6, 7, 8)))
                .isInstanceOf(SubscriptionLimitException.class)
                .hasMessage("StreamSubscription data_channel_ids count is 4; at most 3 allowed "
                        + "(MaxSubscriptionChannels)");
        assertThat(limited.matches(periodic(1, 1))).isTrue();
        assertThat(limited.matches(periodic(5, 1))).isFalse();
    }

    @Test
    void shouldRefuseAWideningThatTakesTheSubscriptionPastTheLimit() throws Exception {
        Subscription limited = new Subscription(3);
        limited.widen(channels(1, 2));
        limited.widen(channels(2, 1));

        assertThatThrownBy(() -> limited.widen(channels(3, 4)))
                .isInstanceOf(SubscriptionLimitException.class)
                .hasMessage("subscribed channel count is 4; at most 3 allowed (MaxSubscriptionChannels)");
        assertThat(limited.matches(periodic(3, 1))).isFalse();
        assertThat(limited.widen(StreamSubscription.newBuilder().setAllDataChannels(true).build())).isPresent();
    }

    @Test
    void shouldMergeSuccessiveWideningsIntoWhatTheyAddedTogether() throws Exception {
        LiveData one = periodic(1, 1);
        LiveData two = periodic(2, 2);
        LiveData three = periodic(3, 3);
        LiveData anEvent = event(4);
        subscription.widen(channels(1));

        Widening second = subscription.widen(channels(2)).orElseThrow();
        Widening third = subscription.widen(StreamSubscription.newBuilder().addDataChannelIds(3).setAllEvents(true)
                .build()).orElseThrow();

        assertThat(Stream.of(one, two, three, anEvent).filter(second.then(third)))
                .containsExactly(two, three, anEvent);
    }

    @Test
    void shouldKeepChannelIdsSortedAndDistinctAcrossWidenings() throws Exception {
        subscription.widen(channels(9, 3, 3, -1));
        subscription.widen(channels(4, 9, 0x7FFF_FFFF, -1, 1));

        for (int id : new int[] {9, 3, -1, 4, 0x7FFF_FFFF, 1}) {
            assertThat(subscription.matches(periodic(id, 1))).as("channel %d", id).isTrue();
        }
        assertThat(subscription.matches(periodic(2, 1))).isFalse();
        assertThat(subscription.widen(channels(1, 3, 4, 9, -1, 0x7FFF_FFFF))).isEmpty();
    }

    private static StreamSubscription channels(int... ids) {
        StreamSubscription.Builder request = StreamSubscription.newBuilder();
        for (int id : ids) {
            request.addDataChannelIds(id);
        }
        return request.build();
    }
}
