package io.rta.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    private static final OptionDef PORT = OptionDef.of("HttpPort", "8080", "port");
    private static final OptionDef LABEL = OptionDef.of("ServiceInfo:Label", "label", "label");
    private static final OptionDef FLAG = OptionDef.of("Verbose", "false", "flag");
    private static final OptionDef TIMEOUT = OptionDef.of("WriteTimeout", "10000", "ms");
    private static final OptionDef DATA = OptionDef.of("DataPath", "./data", "dir");
    private static final OptionDef COUNT = OptionDef.of("Count", "5", "count");
    private static final List<OptionDef> DEFS = List.of(PORT, LABEL, FLAG, TIMEOUT, DATA, COUNT);

    @TempDir
    Path dir;

    private Options load(Map<String, String> env, String... args) {
        return Options.load(DEFS, args, env, dir);
    }

    @Test
    void shouldUseDefaultsWhenNothingIsSet() {
        Options options = load(Map.of());

        assertThat(options.getInt(PORT)).isEqualTo(8080);
        assertThat(options.getDuration(TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.getPath(DATA)).isEqualTo(Path.of("./data"));
        assertThat(options.getBoolean(FLAG)).isFalse();
        assertThat(options.sourceOf(PORT)).isEqualTo("default");
        assertThat(options.isSet(PORT)).isFalse();
    }

    @Test
    void shouldReadCommandLineInBothForms() {
        Options options = load(Map.of(), "--HttpPort", "9000", "--ServiceInfo:Label=x y", "--Count=7");

        assertThat(options.getInt(PORT)).isEqualTo(9000);
        assertThat(options.getString(LABEL)).isEqualTo("x y");
        assertThat(options.getLong(COUNT)).isEqualTo(7L);
        assertThat(options.sourceOf(PORT)).isEqualTo("command line --HttpPort");
    }

    @Test
    void shouldMatchCommandLineNamesCaseInsensitively() {
        assertThat(load(Map.of(), "--httpport", "9001").getInt(PORT)).isEqualTo(9001);
    }

    @Test
    void shouldTreatABareFlagAsTrue() {
        assertThat(load(Map.of(), "--Verbose", "--HttpPort", "1").getBoolean(FLAG)).isTrue();
        assertThat(load(Map.of(), "--Verbose").getBoolean(FLAG)).isTrue();
    }

    @Test
    void shouldReadEnvironmentInAllCapsAndMixedCase() {
        assertThat(load(Map.of("RTA_HTTPPORT", "9002")).getInt(PORT)).isEqualTo(9002);
        assertThat(load(Map.of("RTA_HttpPort", "9003")).getInt(PORT)).isEqualTo(9003);
    }

    @Test
    void shouldReadSectionsFromEnvironmentWithDoubleUnderscore() {
        assertThat(load(Map.of("RTA_SERVICEINFO__LABEL", "caps")).getString(LABEL)).isEqualTo("caps");
        assertThat(load(Map.of("RTA_ServiceInfo__Label", "mixed")).getString(LABEL)).isEqualTo("mixed");
    }

    @Test
    void shouldReadEveryOptionOfASectionFromEachSource() throws IOException {
        OptionDef uris = OptionDef.section("DataServiceUris", "<source>", "uris");
        Files.writeString(dir.resolve("appsettings.json"), "{\"DataServiceUris\": {\"files\": \"http://f\"}}",
                StandardCharsets.UTF_8);
        Options options = Options.load(List.of(PORT, uris), new String[] {"--DataServiceUris:Store", "http://s",
            "--HttpPort", "1"}, Map.of("RTA_DATASERVICEURIS__INFLUX01", "http://i", "RTA_OTHER__X", "y"), dir);

        assertThat(uris.name()).isEqualTo("DataServiceUris:<source>");
        assertThat(uris.envName()).isEqualTo("RTA_DATASERVICEURIS__<SOURCE>");
        assertThat(options.getSection(uris)).containsExactly(Map.entry("files", "http://f"),
                Map.entry("influx01", "http://i"), Map.entry("store", "http://s"));
        assertThat(options.getInt(PORT)).isEqualTo(1);
        assertThat(EffectiveOptions.describe(options)).contains("DataServiceUris:store=http://s");
    }

    @Test
    void shouldLetTheCommandLineOverrideASectionOptionOfTheEnvironmentWhateverItsCase() {
        OptionDef uris = OptionDef.section("DataServiceUris", "<source>", "uris");
        Options options = Options.load(List.of(uris), new String[] {"--dataserviceuris:STORE=http://cli"},
                Map.of("RTA_DataServiceUris__Store", "http://env"), dir);

        assertThat(options.getSection(uris)).containsExactly(Map.entry("store", "http://cli"));
    }

    @Test
    void shouldRejectASectionNameWithoutAKey() {
        OptionDef uris = OptionDef.section("DataServiceUris", "<source>", "uris");

        assertThatThrownBy(() -> Options.load(List.of(uris), new String[] {"--DataServiceUris:", "x"}, Map.of(), dir))
                .hasMessageContaining("Unknown option --DataServiceUris:");
        assertThatThrownBy(() -> Options.load(List.of(uris), new String[] {"--DataServiceUris", "x"}, Map.of(), dir))
                .hasMessageContaining("Unknown option --DataServiceUris");
    }

    @Test
    void shouldIgnoreUnrelatedEnvironmentVariables() {
        Options options = load(Map.of("RTA_JAVA_OPTS", "-Xmx1g", "HTTPPORT", "1"));

        assertThat(options.getInt(PORT)).isEqualTo(8080);
    }

    @Test
    void shouldRejectConflictingEnvironmentVariablesForOneOption() {
        assertThatThrownBy(() -> load(Map.of("RTA_HTTPPORT", "1", "RTA_HttpPort", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HttpPort is set differently");
    }

    @Test
    void shouldReadNestedSectionsFromTheDefaultConfigFile() throws IOException {
        write("appsettings.json", "{\"HttpPort\": 8181, \"ServiceInfo\": {\"Label\": \"from file\"}, "
                + "\"Verbose\": true}");

        Options options = load(Map.of());

        assertThat(options.getInt(PORT)).isEqualTo(8181);
        assertThat(options.getString(LABEL)).isEqualTo("from file");
        assertThat(options.getBoolean(FLAG)).isTrue();
        assertThat(options.sourceOf(PORT)).startsWith("config file ").endsWith("appsettings.json");
    }

    @Test
    void shouldReadTheConfigFileNamedOnTheCommandLineOrInTheEnvironment() throws IOException {
        write("custom.json", "{\"httpPort\": 8282}");

        assertThat(load(Map.of(), "--Config", "custom.json").getInt(PORT)).isEqualTo(8282);
        assertThat(load(Map.of("RTA_CONFIG", dir.resolve("custom.json").toString())).getInt(PORT)).isEqualTo(8282);
    }

    @Test
    void shouldRejectAMissingExplicitConfigFile() {
        assertThatThrownBy(() -> load(Map.of(), "--Config", "missing.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing.json")
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldRejectAConfigFileThatIsNotJson() throws IOException {
        write("appsettings.json", "{HttpPort: ");

        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appsettings.json is not valid JSON");
    }

    @Test
    void shouldPreferCommandLineOverEnvironmentOverFileOverDefault() throws IOException {
        write("appsettings.json", "{\"HttpPort\": 1, \"Count\": 1, \"WriteTimeout\": 1}");
        Map<String, String> env = Map.of("RTA_HTTPPORT", "2", "RTA_COUNT", "2");

        Options options = load(env, "--HttpPort", "3");

        assertThat(options.getInt(PORT)).isEqualTo(3);
        assertThat(options.getInt(COUNT)).isEqualTo(2);
        assertThat(options.getDuration(TIMEOUT)).isEqualTo(Duration.ofMillis(1));
        assertThat(options.getPath(DATA)).isEqualTo(Path.of("./data"));
    }

    @Test
    void shouldNameTheOptionSourceAndTypeOfABadValue() {
        Options options = load(Map.of("RTA_HTTPPORT", "eighty"));

        assertThatThrownBy(() -> options.getInt(PORT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option HttpPort = 'eighty' (from environment variable RTA_HTTPPORT) is not an int");
    }

    @Test
    void shouldRejectBadBooleansAndDurations() {
        Options options = load(Map.of(), "--Verbose", "maybe", "--WriteTimeout", "-5");

        assertThatThrownBy(() -> options.getBoolean(FLAG))
                .hasMessageContaining("Option Verbose = 'maybe' (from command line --Verbose) is not a boolean");
        assertThatThrownBy(() -> options.getDuration(TIMEOUT))
                .hasMessageContaining("is not a duration in milliseconds");
    }

    @Test
    void shouldRejectUnknownCommandLineOptionsListingTheKnownOnes() {
        assertThatThrownBy(() -> load(Map.of(), "--HttpPrt", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option --HttpPrt")
                .hasMessageContaining("--HttpPort, --ServiceInfo:Label");
    }

    @Test
    void shouldRejectArgumentsThatAreNotOptions() {
        assertThatThrownBy(() -> load(Map.of(), "8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unexpected argument '8080'");
    }

    @Test
    void shouldOverrideAValueInACopy() {
        Options options = load(Map.of());

        Options copy = options.with(PORT, "1234");

        assertThat(copy.getInt(PORT)).isEqualTo(1234);
        assertThat(options.getInt(PORT)).isEqualTo(8080);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
