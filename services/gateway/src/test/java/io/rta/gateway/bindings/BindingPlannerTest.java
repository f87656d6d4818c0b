package io.rta.gateway.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rta.topology.data.ChannelsExpression;
import io.rta.topology.data.ReadTimes;
import java.util.List;
import org.junit.jupiter.api.Test;

class BindingPlannerTest {

    private static final String PREFIX = "/rta/v2/data/q/";

    static DataBinding binding(String source, Long start, Long end, long offset, ChannelBinding... channels) {
        return new DataBinding(source, "q", 0, start, end, offset, List.of(channels));
    }

    static DataRequest periodic(String channels, String start, String end) {
        return new DataRequest("periodic", channels, start, end);
    }

    @Test
    void shouldServeEveryChannelUnchangedAndRelayWhenABindingHasNoChannelBindings() {
        List<UpstreamRead> reads = BindingPlanner.plan(periodic("0-A,1F", null, null),
                List.of(binding("influx01", null, null, 0)));

        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.pathAndQuery()).isEqualTo(PREFIX + "periodic/0-A,1F");
            assertThat(read.relayUnchanged()).isTrue();
        });
    }

    @Test
    void shouldEncodeTheIdentityAsOnePathSegment() {
        DataBinding binding = new DataBinding("s", "someField='abc123' /x+ü", 0, null, null, 0, List.of());

        assertThat(BindingPlanner.plan(new DataRequest("events", null, null, null), List.of(binding)))
                .singleElement().extracting(UpstreamRead::pathAndQuery)
                .isEqualTo("/rta/v2/data/someField%3D%27abc123%27%20%2Fx%2B%C3%BC/events");
        // a segment of dots would move the path to another route: its dots are encoded too
        for (String dots : List.of(".", "..")) {
            assertThat(BindingPlanner.plan(new DataRequest("events", null, null, null),
                    List.of(new DataBinding("s", dots, 0, null, null, 0, List.of()))))
                    .singleElement().extracting(UpstreamRead::pathAndQuery)
                    .isEqualTo("/rta/v2/data/" + dots.replace(".", "%2E") + "/events");
        }
    }

    @Test
    void shouldSplitChannelsOverSeveralSourcesAndMapThemToDataChannels() {
        DataBinding first = binding("influx01", null, null, 0, new ChannelBinding(0, 0, 49));
        DataBinding second = binding("influx07", null, null, 0, new ChannelBinding(0, 50, 59));

        List<UpstreamRead> all = BindingPlanner.plan(periodic("0-3B", null, null), List.of(first, second));
        List<UpstreamRead> edge = BindingPlanner.plan(periodic("30-33", null, null), List.of(first, second));
        List<UpstreamRead> secondOnly = BindingPlanner.plan(periodic("35,37-", null, null), List.of(first, second));

        assertThat(all).extracting(UpstreamRead::pathAndQuery)
                .containsExactly(PREFIX + "periodic/0-31", PREFIX + "periodic/0-9");
        assertThat(all).extracting(UpstreamRead::relayUnchanged).containsExactly(false, false);
        assertThat(edge).extracting(UpstreamRead::pathAndQuery)
                .containsExactly(PREFIX + "periodic/30-31", PREFIX + "periodic/0-1");
        assertThat(secondOnly).extracting(UpstreamRead::pathAndQuery).containsExactly(PREFIX + "periodic/3,5-9");
        assertThat(secondOnly.get(0).relayUnchanged()).isFalse();
        assertThat(secondOnly.get(0).binding()).isSameAs(second);
    }

    @Test
    void shouldSkipBindingsThatServeNoRequestedChannel() {
        DataBinding first = binding("a", null, null, 0, new ChannelBinding(0, 0, 49));
        DataBinding second = binding("b", null, null, 0, new ChannelBinding(100, 50, 59));

        assertThat(BindingPlanner.plan(periodic("3C-FF", null, null), List.of(first, second))).isEmpty();
        assertThat(BindingPlanner.plan(periodic("0-5", null, null), List.of(first, second)))
                .singleElement().satisfies(read -> {
                    assertThat(read.binding()).isSameAs(first);
                    assertThat(read.relayUnchanged()).isTrue();
                });
    }

    @Test
    void shouldMapOneDataChannelToEverySessionChannelThatBindsIt() {
        DataBinding twice = binding("a", null, null, 0, new ChannelBinding(5, 0, 3), new ChannelBinding(5, 16, 19));

        assertThat(BindingPlanner.plan(periodic("1,11-12", null, null), List.of(twice)))
                .singleElement().extracting(UpstreamRead::pathAndQuery).isEqualTo(PREFIX + "periodic/6-7");
    }

    @Test
    void shouldClampDataChannelsToUint32() {
        DataBinding up = binding("a", null, null, 0, new ChannelBinding(10, 0, ChannelsExpression.MAX_CHANNEL_ID));

        assertThat(BindingPlanner.plan(periodic("FFFFFFF0-", null, null), List.of(up)))
                .singleElement().extracting(UpstreamRead::pathAndQuery).isEqualTo(PREFIX + "periodic/FFFFFFFA-FFFFFFFF");
        assertThat(BindingPlanner.plan(periodic("FFFFFFF6-", null, null), List.of(up))).isEmpty();
    }

    @Test
    void shouldAskForDataTimeWhenTheSessionTimeIsOffset() {
        DataBinding shifted = binding("a", null, null, 300_000_000L);

        List<UpstreamRead> reads = BindingPlanner.plan(periodic("1", "1000000000", "2000000000"), List.of(shifted));
        List<UpstreamRead> early = BindingPlanner.plan(periodic("1", "100", "2000000000"), List.of(shifted));
        List<UpstreamRead> tooEarly = BindingPlanner.plan(periodic("1", "100", "200"), List.of(shifted));

        assertThat(reads).singleElement().satisfies(read -> {
            assertThat(read.pathAndQuery()).isEqualTo(PREFIX + "periodic/1?start=700000000&end=1700000000");
            assertThat(read.relayUnchanged()).isFalse();
        });
        assertThat(early).singleElement().extracting(UpstreamRead::pathAndQuery)
                .isEqualTo(PREFIX + "periodic/1?end=1700000000");
        assertThat(tooEarly).isEmpty();
    }

    @Test
    void shouldIntersectTheRequestWithTheBindingsSessionWindow() {
        DataBinding bounded = binding("a", 1000L, 2000L, 0);
        DataBinding shifted = binding("a", 1000L, 2000L, -50);

        assertThat(BindingPlanner.plan(periodic("1", null, null), List.of(bounded))).singleElement()
                .satisfies(read -> {
                    assertThat(read.pathAndQuery()).isEqualTo(PREFIX + "periodic/1?start=1000&end=2000");
                    assertThat(read.relayUnchanged()).isFalse();
                });
        assertThat(BindingPlanner.plan(periodic("1", null, "1500"), List.of(bounded))).singleElement()
                .extracting(UpstreamRead::pathAndQuery).isEqualTo(PREFIX + "periodic/1?start=1000&end=1500");
        assertThat(BindingPlanner.plan(periodic("1", "2000", null), List.of(bounded))).singleElement()
                .extracting(UpstreamRead::pathAndQuery).isEqualTo(PREFIX + "periodic/1?start=2000&end=2000");
        assertThat(BindingPlanner.plan(periodic("1", "2001", null), List.of(bounded))).isEmpty();
        assertThat(BindingPlanner.plan(periodic("1", null, "999"), List.of(bounded))).isEmpty();
        assertThat(BindingPlanner.plan(periodic("1", "1200", null), List.of(shifted))).singleElement()
                .extracting(UpstreamRead::pathAndQuery).isEqualTo(PREFIX + "periodic/1?start=1250&end=2050");
    }

    @Test
    void shouldTakeTheGuidesTimeRangesAsTwoReads() {
        long t = 1_620_000_000_000_000_000L;
        DataBinding first = new DataBinding("influx01", "q", t, t, t + 599_999_999L, 0, List.of());
        DataBinding second = new DataBinding("influx01", "q", t + 900_000_000L, t + 900_000_000L,
                t + 999_999_999L, 0, List.of());

        assertThat(BindingPlanner.plan(new DataRequest("timestamped", "0-", null, null), List.of(first, second)))
                .extracting(UpstreamRead::pathAndQuery).containsExactly(
                        PREFIX + "timestamped/0-FFFFFFFF?start=" + t + "&end=" + (t + 599_999_999L),
                        PREFIX + "timestamped/0-FFFFFFFF?start=" + (t + 900_000_000L) + "&end="
                                + (t + 999_999_999L));
        assertThat(BindingPlanner.plan(new DataRequest("timestamped", "0-", String.valueOf(t + 700_000_000L), null),
                List.of(first, second))).singleElement().extracting(UpstreamRead::binding).isSameAs(second);
    }

    @Test
    void shouldTakeEventsFromEveryBindingWhoseWindowMeetsTheRequest() {
        DataBinding channels = binding("a", null, null, 0, new ChannelBinding(0, 50, 59));
        DataBinding eventsOnly = binding("b", null, null, 10, new ChannelBinding(0, 1, 0));
        DataBinding later = binding("c", 5000L, null, 0);

        List<UpstreamRead> reads = BindingPlanner.plan(new DataRequest("events", null, "100", "4000"),
                List.of(channels, eventsOnly, later));

        assertThat(reads).extracting(UpstreamRead::pathAndQuery).containsExactly(
                PREFIX + "events?start=100&end=4000", PREFIX + "events?start=90&end=3990");
        assertThat(reads).extracting(UpstreamRead::relayUnchanged).containsExactly(false, false);
        assertThat(BindingPlanner.plan(periodic("0-", null, null), List.of(eventsOnly))).isEmpty();
        assertThat(BindingPlanner.plan(new DataRequest("events", null, null, null), List.of(channels)))
                .singleElement().satisfies(read -> {
                    assertThat(read.pathAndQuery()).isEqualTo(PREFIX + "events");
                    assertThat(read.relayUnchanged()).isTrue();
                });
    }

    @Test
    void shouldPlanNothingWithoutBindings() {
        assertThat(BindingPlanner.plan(periodic("1", null, null), List.of())).isEmpty();
    }

    @Test
    void shouldRefuseAMalformedRequestWithTheDataRoutesMessages() {
        List<DataBinding> bindings = List.of(binding("a", null, null, 0));

        for (String channels : new String[] {"G", "", "5-3", "1,,2", "1-2-3"}) {
            Throwable expected = catchThrowable(() -> ChannelsExpression.parse(channels));
            assertThatThrownBy(() -> BindingPlanner.plan(periodic(channels, null, null), bindings))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(expected.getMessage());
        }
        assertThatThrownBy(() -> BindingPlanner.plan(periodic("1", "soon", null), bindings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(catchThrowable(() -> ReadTimes.parse("start", "soon")).getMessage());
        assertThatThrownBy(() -> BindingPlanner.plan(periodic("1", null, "-5"), bindings))
                .hasMessage("end is -5: times are nanoseconds since the Unix epoch, at least 0");
        assertThatThrownBy(() -> BindingPlanner.plan(periodic("1", "9", "8"), bindings))
                .hasMessage("start 9 is after end 8");
        assertThatThrownBy(() -> BindingPlanner.plan(new DataRequest("bogus", "1", null, null), bindings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bogus");
    }
}
