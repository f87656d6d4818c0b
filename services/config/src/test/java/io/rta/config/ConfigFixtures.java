package io.rta.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

/** Configs the tests publish. */
public final class ConfigFixtures {

    private ConfigFixtures() {
    }

    /** The example config of api.yaml's Get Config response, as JSON bytes. */
    public static byte[] exampleJson() {
        try (InputStream in = ConfigFixtures.class.getResourceAsStream("example-config.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A schema-valid JSON config of one app with as many parameters as make it at least {@code minBytes} long. */
    public static byte[] largeJson(int minBytes) {
        StringBuilder json = new StringBuilder("{\"demo\": {\"parameters\": [");
        for (int i = 0; json.length() < minBytes; i++) {
            json.append(i == 0 ? "" : ",")
                    .append(String.format(Locale.ROOT, "{\"id\": \"p%d:demo\", \"name\": \"p%d\", "
                            + "\"desc\": \"Parameter %d\", \"conv\": \"1to1:demo\", \"channels\": [%d]}", i, i, i, i));
        }
        return utf8(json.append("]}}").toString());
    }

    /** Stand-in FFC bytes: the service treats FFC as opaque, so any deterministic bytes do. */
    public static byte[] ffc(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
