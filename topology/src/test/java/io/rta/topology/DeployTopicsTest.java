package io.rta.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.rta.schemas.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi topics of {@code deploy/kubernetes/base/topics.yaml} are the topics the services create, with the same
 * configs: the Topic Operator enforces its resources, so a limit missing there (a broker's 1 MiB default record size
 * on a topic a topology writes 8 MiB records to) would stop a partition in production only.
 */
class DeployTopicsTest {

    private static final Path TOPICS_YAML = Path.of("..", "deploy", "kubernetes", "base", "topics.yaml");
    private static final Pattern NAME = Pattern.compile("(?m)^  topicName: (\\S+)$");
    private static final Pattern CONFIG = Pattern.compile("(?m)^    ([a-z.]+): \"([^\"]*)\"$");

    @Test
    void shouldDeclareEveryTopicTheServicesCreateWithTheSameConfigs() throws IOException {
        Map<String, Map<String, String>> declared = declared(Files.readString(TOPICS_YAML));
        Topics topics = Topics.create("rta.", new InMemorySchemaRegistryClient());

        for (Topic<?, ?> topic : topics.all()) {
            assertThat(declared).as("topics.yaml declares %s", topic.name()).containsKey(topic.name());
            assertThat(declared.get(topic.name())).as("configs of %s", topic.name())
                    .isEqualTo(new TreeMap<>(topic.configs()));
        }
    }

    /** Each KafkaTopic's topicName and its spec.config entries. */
    private static Map<String, Map<String, String>> declared(String yaml) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        for (String document : yaml.split("(?m)^---$")) {
            Matcher name = NAME.matcher(document);
            if (!name.find()) {
                continue;
            }
            Map<String, String> configs = new TreeMap<>();
            int config = document.indexOf("\n  config:\n");
            if (config >= 0) {
                Matcher entry = CONFIG.matcher(document.substring(config));
                while (entry.find()) {
                    configs.put(entry.group(1), entry.group(2));
                }
            }
            topics.put(name.group(1), configs);
        }
        return topics;
    }
}
