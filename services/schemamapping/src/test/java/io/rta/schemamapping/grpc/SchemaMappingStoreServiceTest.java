package io.rta.schemamapping.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.rta.proto.toolkit.schemamapping.DeleteSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.EventMapping;
import io.rta.proto.toolkit.schemamapping.FieldMapping;
import io.rta.proto.toolkit.schemamapping.GetSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.HasSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.PutSchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.QuerySchemaMappingRequest;
import io.rta.proto.toolkit.schemamapping.SchemaMapping;
import io.rta.proto.toolkit.schemamapping.SchemaMappingStoreGrpc;
import io.rta.proto.toolkit.schemamapping.TargetChannelDataType;
import io.rta.schemamapping.api.InMemorySchemaMappings;
import io.rta.schemamapping.api.SchemaMappingValidator;
import io.rta.topology.limits.InputLimits;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaMappingStoreServiceTest {

    private final InMemorySchemaMappings store = new InMemorySchemaMappings();
    private Server server;
    private ManagedChannel channel;
    private SchemaMappingStoreGrpc.SchemaMappingStoreBlockingStub client;

    @BeforeEach
    void start() throws IOException {
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor().addService(new SchemaMappingStoreService(
                store, store, new SchemaMappingValidator(InputLimits.defaults(), 4096))).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        client = SchemaMappingStoreGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    static FieldMapping field(String source, int channel) {
        return FieldMapping.newBuilder().setSourceField(source).setTargetChannel(channel).build();
    }

    /** Every field of the proto set, maps and enums included, and a channel above 2^31. */
    static SchemaMapping full() {
        return SchemaMapping.newBuilder()
                .putProperties("dialect", "influxql").putProperties("database", "rtademo")
                .addFieldMappings(field("alpha", 0).toBuilder().putProperties("table", "samples_100")
                        .setSourceFieldDataType("float64")
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_DOUBLE64))
                .addFieldMappings(field("beta", 0xB))
                .addFieldMappings(field("gamma", 0xFFFF_FFF0).toBuilder()
                        .setTargetChannelDataType(TargetChannelDataType.TARGET_CHANNEL_DATA_TYPE_UINT8))
                .addEventMappings(EventMapping.newBuilder().setSourceEvent("lap").setTargetEventApp("Timing")
                        .setTargetEventId(-7).putProperties("table", "events")
                        .addAllSourceEventDataFields(List.of("lap_time", "sector")))
                .build();
    }

    private void put(String source, String identity, SchemaMapping mapping) {
        client.putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource(source)
                .setDataIdentity(identity).setSchemaMapping(mapping).build());
    }

    private SchemaMapping query(String channels, boolean events) {
        return client.querySchemaMapping(QuerySchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='A'").setSelectChannels(channels).setSelectEvents(events).build());
    }

    @Test
    void shouldGiveBackExactlyWhatWasPut() {
        put("influx", "car='A'", full());

        assertThat(client.getSchemaMapping(GetSchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='A'").build())).isEqualTo(full());
        assertThat(client.hasSchemaMapping(HasSchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='A'").build()).getValue()).isTrue();
        assertThat(client.hasSchemaMapping(HasSchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='B'").build()).getValue()).isFalse();
    }

    @Test
    void shouldKeepTheSelectedChannelsInStoredOrderAndTheEventsOnlyWhenAsked() {
        put("influx", "car='A'", full());

        SchemaMapping some = query("A-F,FFFFFFF0-", false);
        assertThat(some.getFieldMappingsList()).extracting(FieldMapping::getSourceField)
                .containsExactly("beta", "gamma");
        assertThat(some.getEventMappingsList()).isEmpty();
        assertThat(some.getPropertiesMap()).isEqualTo(full().getPropertiesMap());

        assertThat(query("0-", true)).isEqualTo(full());
        SchemaMapping eventsOnly = query("", true);
        assertThat(eventsOnly.getFieldMappingsList()).isEmpty();
        assertThat(eventsOnly.getEventMappingsList()).isEqualTo(full().getEventMappingsList());
    }

    @Test
    void shouldAnswerNotFoundNamingThePair() {
        assertStatus(() -> query("0-", true), Status.Code.NOT_FOUND, "('influx', 'car='A'')");
        assertStatus(() -> client.getSchemaMapping(GetSchemaMappingRequest.newBuilder().setDataSource("s")
                .setDataIdentity("i").build()), Status.Code.NOT_FOUND, "no schema mapping for (data_source, "
                + "data_identity) ('s', 'i')");
    }

    @Test
    void shouldDeleteAndSucceedDeletingWhatIsNotThere() {
        put("influx", "car='A'", full());
        client.deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='A'").build());
        client.deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource("influx")
                .setDataIdentity("car='A'").build());

        assertThat(store.size()).isZero();
    }

    @Test
    void shouldRefuseBadInputNamingTheFieldWithoutWriting() {
        assertStatus(() -> put("", "i", full()), Status.Code.INVALID_ARGUMENT, "data_source: ");
        assertStatus(() -> put("s", "", full()), Status.Code.INVALID_ARGUMENT, "data_identity: ");
        assertStatus(() -> client.putSchemaMapping(PutSchemaMappingRequest.newBuilder().setDataSource("s")
                .setDataIdentity("i").build()), Status.Code.INVALID_ARGUMENT, "schema_mapping: missing");
        assertStatus(() -> put("s", "i", SchemaMapping.newBuilder().addFieldMappings(field("a", 3))
                .addFieldMappings(field("b", 3)).build()), Status.Code.INVALID_ARGUMENT,
                "schema_mapping.field_mappings[1].target_channel: ");
        assertStatus(() -> put("s", "i", SchemaMapping.newBuilder().addFieldMappings(field("a", 3).toBuilder()
                .setTargetChannelDataTypeValue(9)).build()), Status.Code.INVALID_ARGUMENT,
                "schema_mapping.field_mappings[0].target_channel_data_type: 9 is not a TargetChannelDataType value");
        assertStatus(() -> put("s", "i", SchemaMapping.newBuilder().putProperties("big", "x".repeat(5000))
                .build()), Status.Code.INVALID_ARGUMENT, "(MaxSchemaMappingSize)");
        assertStatus(() -> client.deleteSchemaMapping(DeleteSchemaMappingRequest.newBuilder().setDataSource("s")
                .build()), Status.Code.INVALID_ARGUMENT, "data_identity: ");
        assertThat(store.size()).isZero();
    }

    @Test
    void shouldRefuseAMalformedChannelsExpressionNamingSelectChannels() {
        put("influx", "car='A'", full());

        assertStatus(() -> query("1,X", false), Status.Code.INVALID_ARGUMENT, "select_channels: ");
        assertStatus(() -> query("5-2", false), Status.Code.INVALID_ARGUMENT, "select_channels: ");
    }

    private static void assertStatus(ThrowingCallable call, Status.Code code, String description) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).contains(description);
    }
}
