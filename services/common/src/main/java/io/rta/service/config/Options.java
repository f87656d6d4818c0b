package io.rta.service.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Immutable option values resolved from, highest precedence first: the command line ({@code --Name value} or
 * {@code --Name=value}), the environment ({@code RTA_NAME} in ALLCAPS or MixedCase, {@code :} written as
 * {@code __}), a JSON config file (appsettings style, nested sections), then the defaults. Names are
 * case-insensitive.
 */
public final class Options {

    /** Where the JSON config file is; the command line and environment may set it, the file itself may not. */
    public static final OptionDef CONFIG = OptionDef.of("Config", "appsettings.json",
            "JSON config file (appsettings style: nested objects are sections). Used only if it exists, "
                    + "unless set explicitly.");

    static final String DEFAULT_SOURCE = "default";

    private final Map<String, OptionDef> defsByKey;
    private final Map<String, Setting> settings;

    private Options(Map<String, OptionDef> defsByKey, Map<String, Setting> settings) {
        this.defsByKey = Collections.unmodifiableMap(defsByKey);
        this.settings = Collections.unmodifiableMap(settings);
    }

    /**
     * Resolves {@code defs} from all sources.
     *
     * @param args       command line options (after the subcommand)
     * @param env        the environment, usually {@code System.getenv()}
     * @param workingDir where a relative config file path is resolved
     * @throws IllegalArgumentException for unknown options, a missing or malformed config file
     */
    public static Options load(List<OptionDef> defs, String[] args, Map<String, String> env, Path workingDir) {
        Map<String, OptionDef> defsByKey = index(defs);
        Map<String, Setting> commandLine = OptionSources.commandLine(args, defsByKey);
        Map<String, Setting> environment = OptionSources.environment(env, defsByKey);
        Map<String, Setting> merged = new LinkedHashMap<>(
                OptionSources.configFile(configPath(commandLine, environment, workingDir), defsByKey));
        merged.putAll(environment);
        merged.putAll(commandLine);
        return new Options(defsByKey, merged);
    }

    /**
     * Resolves only {@code defs} from all sources, skipping every other option (and its value) instead of refusing
     * it and without logging: what a process reads before anything else, e.g. how to log, from options that the
     * command later resolves strictly with all of its own.
     */
    public static Options loadKnown(List<OptionDef> defs, String[] args, Map<String, String> env, Path workingDir) {
        Map<String, OptionDef> defsByKey = index(defs);
        Map<String, Setting> commandLine = OptionSources.knownCommandLine(args, defsByKey);
        Map<String, Setting> environment = OptionSources.environment(env, defsByKey);
        Map<String, Setting> merged;
        try {
            merged = new LinkedHashMap<>(OptionSources.knownConfigFile(
                    configPath(commandLine, environment, workingDir), defsByKey));
        } catch (IllegalArgumentException e) {
            // the command's own strict load reports a missing or malformed file
            merged = new LinkedHashMap<>();
        }
        merged.putAll(environment);
        merged.putAll(commandLine);
        return new Options(defsByKey, merged);
    }

    /** Resolves {@code defs} from the process's command line, environment and working directory. */
    public static Options load(List<OptionDef> defs, String[] args) {
        return load(defs, args, System.getenv(), Path.of("").toAbsolutePath());
    }

    /** Only the defaults: for tests. */
    public static Options defaults(List<OptionDef> defs) {
        return new Options(index(defs), Map.of());
    }

    /** A copy with {@code def} set to {@code value}, e.g. the address of a broker started at run time. */
    public Options with(OptionDef def, String value) {
        requireKnown(def);
        Map<String, Setting> copy = new LinkedHashMap<>(settings);
        copy.put(def.key(), new Setting(value, "override"));
        return new Options(defsByKey, copy);
    }

    public String getString(OptionDef def) {
        requireKnown(def);
        Setting setting = settings.get(def.key());
        return setting != null ? setting.value() : def.defaultValue();
    }

    public int getInt(OptionDef def) {
        return parse(def, "an int", Integer::parseInt);
    }

    public long getLong(OptionDef def) {
        return parse(def, "a long", Long::parseLong);
    }

    /** {@code true} or {@code false}, any case. */
    public boolean getBoolean(OptionDef def) {
        return parse(def, "a boolean (true or false)", Options::parseBoolean);
    }

    /** A whole number of milliseconds. */
    public Duration getDuration(OptionDef def) {
        return parse(def, "a duration in milliseconds (a whole number)", text -> {
            long millis = Long.parseLong(text);
            if (millis < 0) {
                throw new IllegalArgumentException("negative");
            }
            return Duration.ofMillis(millis);
        });
    }

    public Path getPath(OptionDef def) {
        return parse(def, "a file system path", Path::of);
    }

    /**
     * The options of a {@link OptionDef#section} that any source set, by key in lower case ({@code store} for
     * {@code --DataServiceUris:Store}), in key order; empty when none.
     */
    public java.util.SortedMap<String, String> getSection(OptionDef section) {
        requireKnown(section);
        if (!section.isSection()) {
            throw new IllegalArgumentException("Option " + section.name() + " is not a section");
        }
        java.util.SortedMap<String, String> values = new java.util.TreeMap<>();
        settings.forEach((key, setting) -> {
            if (key.startsWith(section.key())) {
                values.put(key.substring(section.key().length()), setting.value());
            }
        });
        return Collections.unmodifiableSortedMap(values);
    }

    /** True when a source other than the defaults set {@code def}. */
    public boolean isSet(OptionDef def) {
        requireKnown(def);
        return settings.containsKey(def.key());
    }

    /** Where the value of {@code def} came from, e.g. {@code environment variable RTA_HTTPPORT}. */
    public String sourceOf(OptionDef def) {
        requireKnown(def);
        Setting setting = settings.get(def.key());
        return setting != null ? setting.source() : DEFAULT_SOURCE;
    }

    /** The known options in definition order. */
    public List<OptionDef> defs() {
        return List.copyOf(defsByKey.values());
    }

    /** Each option with its value and source, one per line: for the startup log. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (OptionDef def : defsByKey.values()) {
            text.append(String.format(Locale.ROOT, "%s = '%s' (%s)%n", def.name(), getString(def), sourceOf(def)));
        }
        return text.toString();
    }

    private <T> T parse(OptionDef def, String expected, Function<String, T> parser) {
        String text = getString(def).trim();
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option " + def.name() + " = '" + text + "' (from " + sourceOf(def)
                    + ") is not " + expected, e);
        }
    }

    private static boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: " + text);
    }

    private void requireKnown(OptionDef def) {
        if (defsByKey.get(def.key()) != def) {
            throw new IllegalArgumentException("Option " + def.name() + " is not one of these options: "
                    + defsByKey.values());
        }
    }

    private static Path configPath(Map<String, Setting> commandLine, Map<String, Setting> environment,
            Path workingDir) {
        Setting explicit = commandLine.getOrDefault(CONFIG.key(), environment.get(CONFIG.key()));
        if (explicit != null) {
            return OptionSources.requireFile(workingDir.resolve(explicit.value()), explicit.source());
        }
        Path implicit = workingDir.resolve(CONFIG.defaultValue());
        return java.nio.file.Files.isRegularFile(implicit) ? implicit : null;
    }

    private static Map<String, OptionDef> index(List<OptionDef> defs) {
        Map<String, OptionDef> byKey = new LinkedHashMap<>();
        for (OptionDef def : defs) {
            if (byKey.put(def.key(), def) != null) {
                throw new IllegalArgumentException("Option " + def.name() + " is defined twice");
            }
        }
        byKey.putIfAbsent(CONFIG.key(), CONFIG);
        return byKey;
    }

    /** A value and where it came from. */
    record Setting(String value, String source) {
    }
}
