package io.rta.service.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.dropwizard.logging.common.LoggingUtil;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures logback, the one place that does: the command line calls {@link #configure} first, before anything
 * logs, so {@code LogFormat} and the levels hold from the process's first line; Dropwizard is told to leave logging
 * alone ({@code logging: type: external}, no bootstrap logging; see {@code HttpServer}). Records of
 * {@code java.util.logging} (gRPC's) are routed here too.
 */
public final class LogSetup {

    /** The text format: level, UTC time, thread, logger, message, then any exception. */
    static final String TEXT_PATTERN = "%-5level [%d{ISO8601,UTC}] [%thread] %logger{36}: %msg%n%rEx";

    /**
     * Loggers that say too much at INFO for anyone but their developers; {@code LogLevels} overrides each.
     * Kafka's clients, broker and Streams log every configuration, connection and rebalance at INFO (hundreds of
     * lines per start); Jersey lists every endpoint; Jetty announces itself.
     */
    public static final Map<String, Level> QUIET = quiet();

    private static final String APPENDER = "CONSOLE";

    private LogSetup() {
    }

    private static Map<String, Level> quiet() {
        Map<String, Level> quiet = new LinkedHashMap<>();
        quiet.put("org.apache.kafka", Level.WARN);
        quiet.put("kafka", Level.WARN);
        quiet.put("state.change.logger", Level.WARN);
        quiet.put("org.apache.zookeeper", Level.WARN);
        quiet.put("org.eclipse.jetty", Level.WARN);
        quiet.put("io.dropwizard.jersey.DropwizardResourceConfig", Level.WARN);
        // The broker warns when a client's request to auto-create an internal topic (__consumer_offsets,
        // __transaction_state) finds it already created by another: a harmless race at every fresh start.
        quiet.put("org.apache.kafka.server.DefaultAutoTopicCreationManager", Level.ERROR);
        // The committed-offsets watchers (data writes' flush wait, live streaming) ask the group coordinator for
        // committed offsets with requireStable, as exactly-once needs: an offset still inside an open transaction
        // is not an answer yet. The broker answers such a partition UNSTABLE_OFFSET_COMMIT, and the admin client
        // warns "Skipping return offset for ... due to error UNSTABLE_OFFSET_COMMIT" and leaves the partition out;
        // the watcher reads that as "no progress yet" and asks again on its next poll. Under load that is the
        // normal case (a transaction is open most of the time), dozens of times a second, so it is not worth a
        // warning. Real failures of the call still reach the caller as exceptions.
        quiet.put("org.apache.kafka.clients.admin.internals.ListConsumerGroupOffsetsHandler", Level.ERROR);
        return quiet;
    }

    /** Replaces logback's configuration: one console appender on {@code out}, the settings' format and levels. */
    public static void configure(LogSettings settings, OutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        // java.util.logging's levels follow logback's, so disabled records are not even created
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        context.addListener(propagator);
        propagator.start();

        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder(settings.format(), context));
        appender.setOutputStream(new Unclosed(out));
        appender.setImmediateFlush(true);
        appender.start();

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.level());
        root.addAppender(appender);
        QUIET.forEach((name, level) -> context.getLogger(name).setLevel(level));
        settings.levels().forEach((name, level) -> context.getLogger(name).setLevel(level));
        LoggingUtil.hijackJDKLogging();
    }

    /** The encoder of the root logger's appender (for tests: which format is in force). */
    static Encoder<ILoggingEvent> currentEncoder() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) context
                .getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER);
        return appender == null ? null : appender.getEncoder();
    }

    private static Encoder<ILoggingEvent> encoder(LogSettings.Format format, LoggerContext context) {
        if (format == LogSettings.Format.TEXT) {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(TEXT_PATTERN);
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            return encoder;
        }
        // Dropwizard's JSON layout, as LogFormat=json has always written: one object per line
        Layout<ILoggingEvent> layout = new EventJsonLayoutBaseFactory().build(context, TimeZone.getTimeZone("UTC"));
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        return encoder;
    }

    /** The process's stdout or stderr outlives any configuration: a reset flushes it but does not close it. */
    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
