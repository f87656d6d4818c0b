package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rta.events.SessionFolder;
import io.rta.schemas.AvroSerde;
import io.rta.schemas.CcompatRegistryClient;
import io.rta.service.kafka.TopicCreator;
import io.rta.service.view.TopicViewLoader;
import io.rta.service.write.WriteTracker;
import io.rta.service.view.SessionViews;
import io.rta.topology.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session view loader against the server's real broker and registry, the registry reached through a proxy that
 * can be switched off: while it is off, a folder whose schema the loader has not resolved yet waits (health says so,
 * nothing after it is applied); once it is back, the folders are applied in order and a lying record among them is
 * skipped, not retried for ever.
 */
class ViewLoaderRegistryOutageIT {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestServer server = TestServer.shared();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private Proxy proxy;
    private TopicViewLoader loader;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new Proxy(server.registryUrl());
    }

    @AfterEach
    void stop() {
        if (loader != null) {
            loader.close();
        }
        proxy.close();
        timer.shutdownNow();
    }

    @Test
    void shouldWaitForTheRegistryWithoutSkippingAndSkipOnlyTheLyingRecord() throws Exception {
        Topics topics = Topics.create("it-view-" + RUNS.incrementAndGet() + "-" + System.nanoTime() + ".",
                new CcompatRegistryClient(server.registryUrl()));
        Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, server.bootstrapServers());
        TopicCreator.ensureTopics(kafka, topics, 1, (short) 1);
        AvroSerde<SessionFolder> writer = new AvroSerde<>(new CcompatRegistryClient(server.registryUrl()),
                SessionFolder.class, false);
        String name = topics.folders().name();
        byte[] first = writer.serializer().serialize(name, folder("first"));
        byte[] second = writer.serializer().serialize(name, folder("second"));
        byte[] lying = Arrays.copyOf(first, 9); // header + a string length claiming far more than is left
        lying[5] = (byte) 0xFE;
        lying[6] = (byte) 0xFF;
        lying[7] = (byte) 0xFF;
        lying[8] = (byte) 0x0F;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(name, 0, key("first"), first)).get();
            producer.send(new ProducerRecord<>(name, 0, key("lying"), lying)).get();
            producer.send(new ProducerRecord<>(name, 0, key("second"), second)).get();
        }

        proxy.up = false;
        SessionViews views = new SessionViews(new WriteTracker("session", WAIT, timer),
                new WriteTracker("folder", WAIT, timer));
        Topics loaderTopics = Topics.create(topics.prefix(), new CcompatRegistryClient(proxy.url(),
                Duration.ofMillis(300)));
        loader = new TopicViewLoader("outage-test", kafka, views.handlers(loaderTopics));
        loader.start();

        await().atMost(WAIT).until(() -> loader.health().getMessage().startsWith("waiting for the schema registry"));
        assertThat(loader.health().getMessage()).contains(name + "-0@0").contains("HTTP 503");
        assertThat(loader.isCaughtUp()).isFalse();
        assertThat(views.folders().size()).isZero();
        assertThat(loader.skipped()).isZero();

        proxy.up = true;
        await().atMost(WAIT).until(loader::isCaughtUp);
        assertThat(views.folders().exists("first")).isTrue();
        assertThat(views.folders().exists("second")).isTrue();
        assertThat(loader.skipped()).isEqualTo(1);
        assertThat(loader.health().isHealthy()).isTrue();
        assertThat(loader.health().getMessage()).isEqualTo("loaded; 1 unreadable record(s) skipped");
    }

    private static SessionFolder folder(String identity) {
        return SessionFolder.newBuilder().setIdentity(identity).setLabel("Folder " + identity).build();
    }

    private static byte[] key(String identity) {
        return identity.getBytes(StandardCharsets.UTF_8);
    }

    /** Forwards GETs to the registry while up; answers 503 while down. */
    private static final class Proxy implements AutoCloseable {
        private final HttpServer http;
        private final String target;
        private final HttpClient client = HttpClient.newHttpClient();
        private volatile boolean up = true;

        Proxy(String target) throws IOException {
            this.target = target;
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/", this::answer);
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            int status = 503;
            byte[] body = "{\"error_code\":50301,\"message\":\"down on purpose\"}".getBytes(StandardCharsets.UTF_8);
            if (up) {
                try {
                    HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(
                            URI.create(target + exchange.getRequestURI())).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
