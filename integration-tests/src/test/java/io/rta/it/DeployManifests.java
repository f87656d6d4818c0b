package io.rta.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** The manifests of {@code deploy/kubernetes} as parsed YAML documents, for tests that hold the code to them. */
final class DeployManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeployManifests() {
    }

    /** {@code deploy/kubernetes} of this checkout (tests run in {@code integration-tests}). */
    static Path kubernetes() {
        return Path.of("").toAbsolutePath().getParent().resolve("deploy/kubernetes");
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(kubernetes())) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of every file. */
    static List<JsonNode> all() {
        return yamlFiles().stream().flatMap(file -> documents(file).stream()).toList();
    }

    /** The non-empty documents of {@code file}. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            });
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }

    /**
     * The ACLs of the Strimzi {@code KafkaUser} {@code name} as Kafka ACL bindings for the principal
     * {@code User:<name>} (what a SCRAM user of that name is; a TLS user is {@code User:CN=<name>}).
     */
    static List<AclBinding> kafkaUserAcls(String name) {
        JsonNode user = all().stream().filter(d -> d.path("kind").asText().equals("KafkaUser")
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no KafkaUser " + name + " in " + kubernetes()));
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourceType type = ResourceType.valueOf(constant(resource.path("type").asText()));
            ResourcePattern pattern = new ResourcePattern(type,
                    type == ResourceType.CLUSTER ? "kafka-cluster" : resource.path("name").asText(),
                    resource.path("patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED
                            : PatternType.LITERAL);
            for (JsonNode operation : acl.path("operations")) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry("User:" + name,
                        acl.path("host").asText("*"), AclOperation.valueOf(constant(operation.asText())),
                        AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** {@code transactionalId} → {@code TRANSACTIONAL_ID}, {@code DescribeConfigs} → {@code DESCRIBE_CONFIGS}. */
    private static String constant(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}
