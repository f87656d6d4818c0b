package io.rta.schemas;

import static io.rta.schemas.LyingRecords.concat;
import static io.rta.schemas.LyingRecords.varint;
import static io.rta.schemas.LyingRecords.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.rta.events.SessionFolder;
import io.rta.events.TelemetryBatch;

/**
 * Records whose claimed counts and lengths exceed their bytes: each is a {@link SerializationException} naming the
 * topic, the schema id, the field path, the claim and the bytes left, before Avro allocates anything for it. The
 * surefire heap of this module is small (see the pom), so an allocation of what a lie claims would fail the test.
 */
class AvroSerdeBoundsTest {

    private static final String TOPIC = "rta.lies";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static Stream<Arguments> lyingCollections() {
        return lies(Integer.MAX_VALUE, 1).filter(a -> ((LyingRecords.Lie) a.get()[1]).claimed() == Integer.MAX_VALUE);
    }

    static Stream<Arguments> collectionsClaimingAGibiItem() {
        return lies(1L << 30, 1).filter(a -> ((LyingRecords.Lie) a.get()[1]).claimed() == 1L << 30);
    }

    static Stream<Arguments> stringsAndBytesClaimingTwoGigabytes() {
        return lies(1, 1L << 31).filter(a -> ((LyingRecords.Lie) a.get()[1]).claimed() == 1L << 31);
    }

    private static Stream<Arguments> lies(long count, long length) {
        List<Arguments> all = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : LyingRecords.VALUE_TYPES) {
            for (LyingRecords.Lie lie : LyingRecords.in(SpecificData.get().getSchema(type), count, length)) {
                all.add(Arguments.of(type, lie));
            }
        }
        return all.stream();
    }

    @Test
    void shouldFindALyingArrayInEverySchemaThatHasOne() {
        assertThat(lyingCollections().map(a -> ((LyingRecords.Lie) a.get()[1]).path()))
                .contains("TelemetryBatch.bursts", "TelemetryBatch.bursts[0].channelIds",
                        "TelemetryBatch.bursts[0].rawData", "SessionState.details", "SessionUpdateBatch.updates",
                        "AnchorIndex.children", "AnchorContribution.children", "DeadLetter.headers");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("lyingCollections")
    <T extends SpecificRecord> void shouldRefuseAnArrayClaimingMoreItemsThanItsBytesHold(Class<T> type,
            LyingRecords.Lie lie) {
        assertRefused(type, lie, "item(s) of at least");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("collectionsClaimingAGibiItem")
    <T extends SpecificRecord> void shouldRefuseAClaimAvroWouldAllocateBeforeReading(Class<T> type,
            LyingRecords.Lie lie) {
        assertRefused(type, lie, "item(s) of at least");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("stringsAndBytesClaimingTwoGigabytes")
    <T extends SpecificRecord> void shouldRefuseAStringOrBytesClaimingMoreThanIsLeft(Class<T> type,
            LyingRecords.Lie lie) {
        assertRefused(type, lie, "length of " + lie.claimed() + " bytes; only " + LyingRecords.TAIL_LENGTH
                + " byte(s) are left");
    }

    @Test
    void shouldRefuseABytesFieldClaimingOneByteMoreThanIsLeft() {
        // one PeriodicBurst: channelId 1, start 2, interval 3, samples 1, then a buffer claiming 4 bytes with 3 left
        byte[] avro = concat(varint(1), varint(1), varint(1), varint(2), varint(3), varint(1), varint(4),
                new byte[] {1, 2, 3});

        assertThatThrownBy(() -> decode(TelemetryBatch.class, avro))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TelemetryBatch.bursts[0].buffer claims a bytes length of 4 bytes; only 3 "
                        + "byte(s) are left");
    }

    @Test
    void shouldRefuseNestedArraysWhereverTheLieSits() {
        // two RowBursts: the first honest (2 channel ids), the second claiming 2^31-1 channel ids
        byte[] honest = concat(varint(2), varint(2), varint(7), varint(8), varint(0), varint(5), varint(1),
                new byte[] {9});
        byte[] lying = concat(varint(2), varint(Integer.MAX_VALUE), new byte[] {1, 2});
        byte[] avro = concat(varint(2), honest, lying);

        assertThatThrownBy(() -> decode(TelemetryBatch.class, avro))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TelemetryBatch.bursts[1].channelIds claims 2147483647 item(s) of at least 1 "
                        + "byte(s) each; only 2 byte(s) are left");
    }

    @Test
    void shouldRefuseMoreBlocksThanTheBytesHoldCountingEarlierBlocks() {
        // bursts: a block of 1 EventBurst, then a block claiming 2^30 more
        byte[] event = concat(varint(3), varint(1), varint(0), varint(2), varint(0), varint(0));
        byte[] avro = concat(varint(1), event, varint(1L << 30), new byte[] {6});

        assertThatThrownBy(() -> decode(TelemetryBatch.class, avro))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("claims 1073741824 more item(s)");
    }

    @Test
    void shouldRefuseNegativeAndOverlongLengths() {
        byte[] negative = concat(varint(-5), new byte[] {1, 2, 3});
        byte[] overlong = concat(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1});

        assertThatThrownBy(() -> decode(SessionFolder.class, negative))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SessionFolder.identity claims a negative string length -5");
        assertThatThrownBy(() -> decode(SessionFolder.class, overlong))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SessionFolder.identity has an invalid long encoding (more than 10 bytes)");
    }

    @Test
    void shouldRefuseABlockWhoseStatedSizeDisagreesWithItsItems() {
        // a negative count states the block's size in bytes; Avro skips such a block by that size, so it must be true
        byte[] avro = concat(varint(-1), varint(1), concat(varint(3), varint(1), varint(0), varint(2), varint(0),
                varint(0)), varint(0));

        assertThatThrownBy(() -> decode(TelemetryBatch.class, avro))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TelemetryBatch.bursts has a block whose stated size");
    }

    @Test
    void shouldRefuseUnionBranchesAndEnumSymbolsTheSchemaDoesNotHave() {
        assertThatThrownBy(() -> decode(TelemetryBatch.class, concat(varint(1), varint(4), new byte[8])))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TelemetryBatch.bursts[0] claims union branch 4 of 4");
    }

    @Test
    void shouldBoundItemsThatEncodeInNoBytes() throws Exception {
        Schema nulls = SchemaBuilder.record("Nulls").fields().name("items").type().array().items().nullType()
                .noDefault().endRecord();
        ClaimedLengthCheck check = ClaimedLengthCheck.forSchema(nulls);
        byte[] many = concat(varint(ClaimedLengthCheck.MAX_EMPTY_ITEMS + 1L), varint(0));
        byte[] allowed = concat(varint(ClaimedLengthCheck.MAX_EMPTY_ITEMS), varint(0));

        assertThatThrownBy(() -> check.check(many, 0, many.length))
                .isInstanceOf(ClaimedLengthCheck.Refusal.class)
                .hasMessage("Nulls.items claims 65537 item(s) that may encode in no bytes; at most 65536 are accepted "
                        + "per record");
        check.check(allowed, 0, allowed.length);
        assertThat(new GenericDatumReader<>(nulls).read(null,
                DecoderFactory.get().binaryDecoder(allowed, null)).toString()).contains("null");
    }

    @Test
    void shouldBoundTheNestingOfRecursiveSchemas() {
        Schema list = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Node\",\"fields\":["
                + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");
        ClaimedLengthCheck check = ClaimedLengthCheck.forSchema(list);
        byte[] deep = new byte[1000];
        java.util.Arrays.fill(deep, (byte) 2); // branch 1 (Node), again and again

        assertThatThrownBy(() -> check.check(deep, 0, deep.length))
                .isInstanceOf(ClaimedLengthCheck.Refusal.class)
                .hasMessageContaining("nests deeper than " + ClaimedLengthCheck.MAX_DEPTH + " levels");
    }

    @Test
    void shouldShowThatPlainAvroAllocatesWhatALyingArrayClaims() {
        byte[] avro = concat(varint(1L << 30), new byte[] {2, 4, 6});
        SpecificDatumReader<TelemetryBatch> plain = new SpecificDatumReader<>(TelemetryBatch.class);

        // the reason for the check: without it, a few bytes are an OutOfMemoryError on this module's test heap
        assertThatThrownBy(() -> plain.read(null, DecoderFactory.get().binaryDecoder(avro, null)))
                .isInstanceOf(OutOfMemoryError.class);
    }

    private <T extends SpecificRecord> void assertRefused(Class<T> type, LyingRecords.Lie lie, String problem) {
        int id = registry.register(TOPIC + "-value", SpecificData.get().getSchema(type));

        assertThatThrownBy(() -> decode(type, lie.avro()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("from topic '" + TOPIC + "' written with schema id " + id + ": ")
                .hasMessageContaining(lie.path() + " claims ")
                .hasMessageContaining(" " + lie.claimed() + " ")
                .hasMessageContaining(problem)
                .hasMessageContaining("byte(s) are left");
    }

    private <T extends SpecificRecord> T decode(Class<T> type, byte[] avro) {
        int id = registry.register(TOPIC + "-value", SpecificData.get().getSchema(type));
        return new AvroSerde<>(registry, type, false).deserializer().deserialize(TOPIC, wire(id, avro));
    }
}
