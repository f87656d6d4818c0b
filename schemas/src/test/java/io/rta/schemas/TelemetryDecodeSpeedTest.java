package io.rta.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

import io.rta.events.EventBurst;
import io.rta.events.PeriodicBurst;
import io.rta.events.RowBurst;
import io.rta.events.TelemetryBatch;
import io.rta.events.TimestampedBurst;

/**
 * Prints what the claimed-length check costs on the telemetry path: ns per 8 MiB {@code TelemetryBatch} of 40,000
 * bursts, decoded by Avro alone (as the serde did before the check), by the check alone, and by the serde (both),
 * in CPU time of the decoding thread. A figure to read, not an assertion.
 */
class TelemetryDecodeSpeedTest {

    private static final String TOPIC = "rta.telemetry";
    private static final int BURSTS = 40_000;
    private static final int ROUNDS = 40;

    @Test
    void shouldPrintTheCostOfTheCheckOnAnEightMebibyteTelemetryBatch() throws Exception {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerde<TelemetryBatch> serde = new AvroSerde<>(registry, TelemetryBatch.class, false);
        byte[] record = serde.serializer().serialize(TOPIC, batch());
        int length = record.length - AvroSerde.HEADER_LENGTH;
        SpecificDatumReader<TelemetryBatch> plain = new SpecificDatumReader<>(TelemetryBatch.class);
        ClaimedLengthCheck check = ClaimedLengthCheck.forSchema(TelemetryBatch.getClassSchema());
        BinaryDecoder[] decoder = new BinaryDecoder[1];
        // CPU time of this thread: wall time on a shared machine measures the other processes as well
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

        long avroOnly = 0;
        long checkOnly = 0;
        long serdeTotal = 0;
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean measured = round >= ROUNDS; // the first half warms up
            long t0 = cpu.getCurrentThreadCpuTime();
            decoder[0] = DecoderFactory.get().binaryDecoder(record, AvroSerde.HEADER_LENGTH, length, decoder[0]);
            TelemetryBatch read = plain.read(null, decoder[0]);
            long t1 = cpu.getCurrentThreadCpuTime();
            check.check(record, AvroSerde.HEADER_LENGTH, length);
            long t2 = cpu.getCurrentThreadCpuTime();
            TelemetryBatch viaSerde = serde.deserializer().deserialize(TOPIC, record);
            long t3 = cpu.getCurrentThreadCpuTime();
            assertThat(viaSerde.getBursts()).hasSameSizeAs(read.getBursts());
            if (measured) {
                avroOnly += t1 - t0;
                checkOnly += t2 - t1;
                serdeTotal += t3 - t2;
            }
        }
        System.out.printf(Locale.ROOT, "TelemetryBatch of %,d bytes, %,d bursts, mean CPU time of %d decodes: Avro alone "
                        + "%,d ns; check alone %,d ns; serde (check + Avro) %,d ns (%+.1f%% on Avro alone)%n",
                record.length, BURSTS, ROUNDS, avroOnly / ROUNDS, checkOnly / ROUNDS, serdeTotal / ROUNDS,
                100.0 * (serdeTotal - avroOnly) / avroOnly);
    }

    /** 40,000 bursts of the four kinds in ~8 MiB: mostly periodic and timestamped buffers, some rows and events. */
    private static TelemetryBatch batch() {
        Random random = new Random(11);
        List<Object> bursts = new ArrayList<>(BURSTS);
        for (int i = 0; i < BURSTS; i++) {
            bursts.add(switch (i % 10) {
                case 0, 1, 2, 3, 4 -> PeriodicBurst.newBuilder().setChannelId(i).setStartTimestamp(1_000L * i)
                        .setInterval(1_000_000).setSamples(25).setBuffer(bytes(random, 200)).build();
                case 5, 6, 7 -> TimestampedBurst.newBuilder().setChannelId(i).setStartTimestamp(1_000L * i)
                        .setTimestampDeltasScale(1).setTimestampDeltas(bytes(random, 50))
                        .setBuffer(bytes(random, 200)).build();
                case 8 -> RowBurst.newBuilder().setChannelIds(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L))
                        .setTimestamp(1_000L * i).setBuffer(bytes(random, 256)).build();
                default -> EventBurst.newBuilder().setEventDefinitionId(i).setAppName("app").setTimestamp(i)
                        .setStatusText("status " + i).setRawData(List.of(1.0, 2.0, 3.0)).build();
            });
        }
        return TelemetryBatch.newBuilder().setBursts(bursts).build();
    }

    private static ByteBuffer bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
