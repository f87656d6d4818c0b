package io.rta.service.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rta.service.tls.TlsContexts;
import io.rta.service.tls.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Channels to our services' gRPC interfaces, named by an option holding an {@code http://host:port/} URI
 * ({@code https://} for TLS, trusting the JDK's CAs and {@code Tls:ClientCaPath}, presenting our certificate when
 * TLS is mutual).
 */
public final class GrpcChannels {

    /**
     * The largest answer taken (grpc-java's default is 4 MiB): our services' own largest messages, a config of up to
     * {@code MaxConfigSize} (60 MiB) or a schema mapping of {@code MaxSchemaMappingSize} (4 MiB as Avro, a little more
     * as protobuf), must not fail to arrive; the servers' default {@code GrpcMaxMessageSize}.
     */
    static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private GrpcChannels() {
    }

    /**
     * A channel and where it goes.
     *
     * @param channel the channel (the caller shuts it down)
     * @param target  {@code host:port}, for messages
     */
    public record Target(ManagedChannel channel, String target) {
    }

    /**
     * A channel to the service at {@code uri}.
     *
     * @param option the option that named the URI, for messages
     * @throws IllegalArgumentException naming {@code option} when the URI is not an http(s) URI with a host
     */
    public static Target of(String option, String uri, Optional<TlsSettings.Identity> identity) {
        URI parsed = parse(option, uri);
        boolean tls = parsed.getScheme().equalsIgnoreCase("https");
        int port = parsed.getPort() != -1 ? parsed.getPort() : tls ? 443 : 80;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(parsed.getHost(), port)
                .maxInboundMessageSize(MAX_ANSWER_BYTES);
        if (tls) {
            builder.sslContext(TlsContexts.grpcClient(identity));
        } else {
            builder.usePlaintext();
        }
        return new Target(builder.build(), parsed.getHost() + ":" + port);
    }

    private static URI parse(String option, String uri) {
        try {
            URI parsed = new URI(Objects.requireNonNull(uri, option).strip());
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || parsed.getHost() == null) {
                throw new IllegalArgumentException("option " + option + " '" + uri + "' is not an http:// or "
                        + "https:// URI with a host (e.g. http://localhost:2682/)");
            }
            return parsed;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("option " + option + " '" + uri + "' is not a URI: "
                    + e.getMessage(), e);
        }
    }
}
