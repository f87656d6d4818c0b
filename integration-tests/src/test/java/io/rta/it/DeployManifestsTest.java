package io.rta.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.rta.files.FileOptions;
import io.rta.gateway.GatewayOptions;
import io.rta.influx.InfluxOptions;
import io.rta.server.ServerOptions;
import io.rta.server.StandaloneService;
import io.rta.service.config.OptionDef;
import io.rta.stream.StreamServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of {@code deploy/kubernetes} without a cluster ({@code kubectl kustomize} renders it where
 * kubectl is installed): every file is valid YAML, every kustomization names files that exist, and the Kafka security
 * holds together — the only listener authenticates clients by certificate, and every Secret a pod reads is the
 * cluster CA or the Secret of a {@code KafkaUser} that the manifests define, so no pod waits for a Secret that the
 * User Operator never makes — and every {@code RTA_} variable a workload sets names an option of its command.
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

    /**
     * Every command ignores {@code RTA_} variables it does not know, so a misspelt or misplaced one would silently do
     * nothing: each workload of our image sets, itself or through the ConfigMaps it reads, only options its command
     * defines.
     */
    @Test
    void shouldSetEveryWorkloadOnlyOptionsItsCommandDefines() {
        Map<String, List<OptionDef>> commands = new HashMap<>(Map.of("server", ServerOptions.ALL,
                "stream-service", StreamServer.ALL, "gateway", GatewayOptions.ALL,
                "influx-data-service", InfluxOptions.ALL, "file-data-service", FileOptions.ALL));
        for (StandaloneService.Kind kind : StandaloneService.Kind.values()) {
            commands.put(kind.command(), kind.options());
        }
        Map<String, List<String>> configMaps = configMapVariables();
        int checked = 0;
        for (JsonNode workload : DeployManifests.all()) {
            if (!Set.of("Deployment", "StatefulSet").contains(workload.path("kind").asText())) {
                continue;
            }
            for (JsonNode container : workload.path("spec").path("template").path("spec").path("containers")) {
                if (!container.path("image").asText().startsWith("rta-server:")) {
                    continue;
                }
                String command = container.path("args").path(0).asText();
                String where = workload.path("metadata").path("name").asText() + " (" + command + ")";
                List<OptionDef> options = commands.get(command);
                assertThat(options).as(where + ": a command of ours").isNotNull();
                List<String> variables = new ArrayList<>();
                container.path("env").forEach(env -> variables.add(env.path("name").asText()));
                container.path("envFrom").forEach(from -> variables.addAll(configMaps.getOrDefault(
                        from.path("configMapRef").path("name").asText(), List.of())));
                for (String variable : variables.stream().filter(v -> v.startsWith(OptionDef.ENV_PREFIX)).toList()) {
                    assertThat(defines(options, variable)).as(where + " sets " + variable).isTrue();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    /** {@code RTA_AUTH__AUTHORITY} names {@code Auth:Authority}; {@code RTA_KAFKA__SSL_X} the section {@code Kafka}. */
    private static boolean defines(List<OptionDef> options, String variable) {
        String name = variable.substring(OptionDef.ENV_PREFIX.length())
                .replace(OptionDef.ENV_SECTION_SEPARATOR, OptionDef.SECTION_SEPARATOR).toLowerCase(Locale.ROOT);
        return options.stream().anyMatch(option -> option.isSection()
                ? name.startsWith(option.baseName().toLowerCase(Locale.ROOT) + OptionDef.SECTION_SEPARATOR)
                : name.equals(option.name().toLowerCase(Locale.ROOT)));
    }

    /** The variables of each ConfigMap the kustomizations generate from {@code .env} files, by ConfigMap name. */
    private static Map<String, List<String>> configMapVariables() {
        Map<String, List<String>> variables = new HashMap<>();
        for (Path file : DeployManifests.yamlFiles()) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (JsonNode generator : DeployManifests.documents(file).get(0).path("configMapGenerator")) {
                List<String> names = new ArrayList<>();
                generator.path("envs").forEach(env -> names.addAll(envFileVariables(
                        file.resolveSibling(env.asText()))));
                variables.put(generator.path("name").asText(), names);
            }
        }
        assertThat(variables).isNotEmpty();
        return variables;
    }

    private static List<String> envFileVariables(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                    .map(line -> line.substring(0, line.indexOf('='))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
