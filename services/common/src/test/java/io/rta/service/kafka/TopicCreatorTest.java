package io.rta.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.junit.jupiter.api.Test;

class TopicCreatorTest {

    @Test
    void shouldNameAnAuthenticationFailureAsKafkas() {
        assertThat(TopicCreator.describe(new SaslAuthenticationException("Authentication failed during authentication "
                + "due to invalid credentials with SASL mechanism SCRAM-SHA-512")))
                .isEqualTo("Kafka authentication failed: Authentication failed during authentication due to invalid "
                        + "credentials with SASL mechanism SCRAM-SHA-512");
    }

    @Test
    void shouldNameTheTopicsAMissingAclCovers() {
        assertThat(TopicCreator.describe(new TopicAuthorizationException(Set.of("rta.sessions", "rta.folders"))))
                .startsWith("not authorized for topics [rta.folders, rta.sessions] (the Kafka user's ACLs");
    }

    @Test
    void shouldNameTheKindOfAnyOtherFailure() {
        assertThat(TopicCreator.describe(new UnknownServerException("boom"))).isEqualTo("UnknownServerException: boom");
    }
}
