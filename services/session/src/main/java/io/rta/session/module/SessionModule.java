package io.rta.session.module;

import io.grpc.BindableService;
import io.rta.service.module.ServiceContext;
import io.rta.service.module.ServiceModule;
import io.rta.service.view.SessionView;
import io.rta.session.SessionService;
import io.rta.session.grpc.SessionStoreService;
import io.rta.session.kafka.KafkaSessionWriter;
import io.rta.session.resources.SessionResource;
import io.rta.topology.Topics;
import io.rta.topology.limits.InputLimits;
import io.rta.topology.session.SessionTopology;
import io.rta.service.http.ApiPaths;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;

/**
 * The session service: the Session REST API (with the internal {@code /data-bindings} route) and {@code SessionStore}
 * over gRPC, answering from the process's {@link SessionView} and writing through its producer, each write waiting
 * until the view shows it.
 */
public final class SessionModule implements ServiceModule {

    /** The standalone session service's Kafka Streams application, after the topic prefix. */
    public static final String APPLICATION = "rta-session-service";

    private final SessionService sessions;

    /** @param view the process's session view, loaded (the caller owns it) */
    public SessionModule(ServiceContext context, SessionView view) {
        this.sessions = new SessionService(view.views().catalog(), view.views().folders(),
                new KafkaSessionWriter(context.producer(), context.topics(), view.sessionsApplied(),
                        view.foldersApplied()), Clock.systemUTC(), context.limits());
        context.metrics().viewLag("sessions", context.streams(),
                runner -> runner.recordsBehind(context.topics().sessionUpdates().name()));
    }

    /** The session service's part of a topology: the session fold, then the folder guard (last, see its doc). */
    public static Topology addTopology(Topology topology, Topics topics, InputLimits limits) {
        SessionTopology.addTo(topology, topics, limits);
        return SessionTopology.addFolderGuard(topology, topics, limits);
    }

    public SessionService sessions() {
        return sessions;
    }

    @Override
    public List<String> features() {
        return List.of("sessions");
    }

    @Override
    public List<Object> resources() {
        return List.of(new SessionResource(sessions));
    }

    /** Session and folder identities may hold {@code /} and {@code %}, percent-encoded in their path segment. */
    @Override
    public List<String> encodedSlashPaths() {
        return ApiPaths.SESSION_ROUTES;
    }

    /** {@code /data-bindings}: the gateway's, with service credentials. */
    @Override
    public List<Pattern> internalPaths() {
        return SessionResource.INTERNAL_PATHS;
    }

    @Override
    public List<BindableService> grpcServices() {
        return List.of(new SessionStoreService(sessions));
    }
}
