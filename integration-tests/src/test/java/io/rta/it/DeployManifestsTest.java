package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of {@code deploy/kubernetes} without a cluster ({@code kubectl kustomize} renders it where
 * kubectl is installed): every file is valid YAML, every kustomization names files that exist, and the Kafka security
 * holds together — the only listener authenticates clients by certificate, and every Secret a pod reads is the
 * cluster CA or the Secret of a {@code KafkaUser} that the manifests define, so no pod waits for a Secret that the
 * User Operator never makes.
 */
class DeployManifestsTest {

    private static final String CLUSTER_CA = "rta-kafka-cluster-ca-cert";

    @Test
    void shouldParseEveryManifestAndFindEveryKustomizationResource() {
        List<Path> files = DeployManifests.yamlFiles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path file : files) {
            List<JsonNode> documents = DeployManifests.documents(file);
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                documents.get(0).path("resources").forEach(resource -> assertThat(file.getParent()
                        .resolve(resource.asText())).as("resource of " + file).exists());
            }
        }
    }

    @Test
    void shouldAuthenticateEveryKafkaClientByTheCertificateOfAKafkaUser() {
        List<JsonNode> all = DeployManifests.all();
        JsonNode kafka = all.stream().filter(d -> d.path("kind").asText().equals("Kafka")).findFirst().orElseThrow();
        JsonNode listeners = kafka.path("spec").path("kafka").path("listeners");
        assertThat(listeners).isNotEmpty();
        listeners.forEach(listener -> assertThat(listener.path("authentication").path("type").asText())
                .as("listener " + listener.path("name").asText()).isEqualTo("tls"));
        assertThat(kafka.path("spec").path("kafka").path("authorization").path("type").asText()).isEqualTo("simple");

        Set<String> users = new TreeSet<>();
        all.stream().filter(d -> d.path("kind").asText().equals("KafkaUser"))
                .forEach(user -> users.add(user.path("metadata").path("name").asText()));
        Set<String> read = new TreeSet<>();
        all.stream().filter(d -> Set.of("Deployment", "StatefulSet").contains(d.path("kind").asText()))
                .forEach(workload -> collectSecrets(workload.path("spec").path("template"), read));

        assertThat(users).contains("rta-server", "rta-session-service", "rta-config-service", "rta-data-service",
                "rta-schema-mapping-service", "rta-stream-service", "apicurio-registry");
        assertThat(read).contains(CLUSTER_CA).isSubsetOf(union(users, CLUSTER_CA));
    }

    private static void collectSecrets(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            addText(node.path("secretKeyRef").path("name"), names);
            addText(node.path("secret").path("secretName"), names);
        }
        node.forEach(child -> collectSecrets(child, names));
    }

    private static void addText(JsonNode node, Set<String> names) {
        if (!(node instanceof MissingNode)) {
            names.add(node.asText());
        }
    }

    private static Set<String> union(Set<String> names, String name) {
        Set<String> union = new TreeSet<>(names);
        union.add(name);
        return union;
    }
}
