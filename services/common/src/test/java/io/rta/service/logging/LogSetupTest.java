package io.rta.service.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.logging.json.layout.EventJsonLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The other tests of this JVM log as the test configuration says. */
    @AfterAll
    static void restoreTheTestConfiguration() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void shouldWriteOneJsonObjectPerLineWhenTheFormatIsJson() throws Exception {
        LogSetup.configure(new LogSettings(LogSettings.Format.JSON, Level.INFO, Map.of()), out);

        LoggerFactory.getLogger("io.rta.test").info("hello {}", "world");

        assertThat(LogSetup.currentEncoder()).isInstanceOfSatisfying(LayoutWrappingEncoder.class,
                encoder -> assertThat(encoder.getLayout()).isInstanceOf(EventJsonLayout.class));
        assertThat(lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines().get(0));
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("logger").asText()).isEqualTo("io.rta.test");
        assertThat(line.get("message").asText()).isEqualTo("hello world");
    }

    @Test
    void shouldWriteTextLinesWhenTheFormatIsText() {
        LogSetup.configure(LogSettings.defaults(), out);

        LoggerFactory.getLogger("io.rta.test").warn("careful");

        assertThat(LogSetup.currentEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(lines()).singleElement().asString().startsWith("WARN  [").endsWith("] [main] io.rta.test: careful");
    }

    @Test
    void shouldKeepKafkasInfoQuietUnlessLogLevelsAsksForIt() {
        LogSetup.configure(new LogSettings(LogSettings.Format.TEXT, Level.DEBUG, Map.of()), out);
        assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.producer.ProducerConfig").isInfoEnabled())
                .isFalse();
        assertThat(LoggerFactory.getLogger("kafka.server.BrokerServer").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.admin.internals.ListConsumerGroupOffsetsHandler")
                .isWarnEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("io.rta.data").isDebugEnabled()).isTrue();

        LogSetup.configure(new LogSettings(LogSettings.Format.TEXT, Level.WARN,
                Map.of("org.apache.kafka", Level.INFO, "io.rta.data", Level.TRACE)), out);
        assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.producer.ProducerConfig").isInfoEnabled())
                .isTrue();
        assertThat(LoggerFactory.getLogger("io.rta.data.grpc.WriteStream").isTraceEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("io.rta.session").isInfoEnabled()).isFalse();
    }

    @Test
    void shouldRouteJavaUtilLoggingThroughTheSameFormat() {
        LogSetup.configure(new LogSettings(LogSettings.Format.JSON, Level.INFO, Map.of()), out);

        java.util.logging.Logger.getLogger("io.grpc.test").warning("from jul");

        assertThat(lines()).singleElement().asString().contains("\"logger\":\"io.grpc.test\"")
                .contains("\"message\":\"from jul\"");
    }
}
