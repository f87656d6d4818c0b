package io.rta.stream.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server} (the Debian package's binary) on a free port, without persistence, for tests. It can be
 * stopped and started again on the same port to play an outage.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServerProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a server on a free port and waits until it answers PING. */
    public static RedisServerProcess start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the Redis source tests need a real Redis server "
                    + "(Debian: apt-get install redis-server; .ci/run installs it)");
        }
        RedisServerProcess server = new RedisServerProcess(freePort(), Files.createTempDirectory("redis-test"));
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    /** The StackExchange-style connection string of this server. */
    public String connectionString() {
        return "127.0.0.1:" + port;
    }

    /** Starts the server again on the same port (empty: nothing is persisted). */
    public void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is already running");
        }
        Path log = dir.resolve("redis.log");
        process = new ProcessBuilder(List.of(BINARY.toString(), "--save", "", "--appendonly", "no",
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitPing(log);
    }

    /** Kills the server (as a crash would). */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-server on port " + port + " did not exit");
        }
    }

    /** Kills the server and deletes its working directory. */
    @Override
    public void close() throws InterruptedException, IOException {
        stop();
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    private void awaitPing(Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        JedisException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder().timeoutMillis(1000).autoNegotiateProtocol(false).build())) {
                if ("PONG".equals(jedis.ping())) {
                    return;
                }
            } catch (JedisException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + READY_TIMEOUT.toSeconds() + " s (last error: " + last + "):\n"
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int freePort() {
        return io.rta.service.net.FreePorts.next();
    }
}
