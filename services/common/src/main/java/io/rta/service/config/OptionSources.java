package io.rta.service.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.rta.service.config.Options.Setting;

/** Reads option values from each source into settings keyed by lower-case option name. */
final class OptionSources {

    private static final Logger LOG = LoggerFactory.getLogger(OptionSources.class);
    private static final String OPTION_PREFIX = "--";

    private OptionSources() {
    }

    /** {@code --Name value}, {@code --Name=value}; a bare {@code --Name} before another option or at the end is "true". */
    static Map<String, Setting> commandLine(String[] args, Map<String, OptionDef> defs) {
        return commandLine(args, defs, false);
    }

    /** As {@link #commandLine(String[], Map)}, skipping unknown options and anything not an option. */
    static Map<String, Setting> knownCommandLine(String[] args, Map<String, OptionDef> defs) {
        return commandLine(args, defs, true);
    }

    private static Map<String, Setting> commandLine(String[] args, Map<String, OptionDef> defs, boolean known) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith(OPTION_PREFIX) || arg.length() == OPTION_PREFIX.length()) {
                if (known) {
                    continue;
                }
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': options are written "
                        + "--Name value or --Name=value; known options: " + names(defs));
            }
            String nameAndValue = arg.substring(OPTION_PREFIX.length());
            int equals = nameAndValue.indexOf('=');
            String name = equals < 0 ? nameAndValue : nameAndValue.substring(0, equals);
            String value;
            if (equals >= 0) {
                value = nameAndValue.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith(OPTION_PREFIX)) {
                value = args[++i];
            } else {
                value = "true";
            }
            Named option = lookUp(defs, name);
            if (option == null) {
                if (known) {
                    continue;
                }
                throw new IllegalArgumentException("Unknown option --" + name + "; known options: " + names(defs));
            }
            settings.put(option.key(), new Setting(value, "command line --" + name));
        }
        return settings;
    }

    /** {@code RTA_} + name in any case, {@code :} written {@code __}; other {@code RTA_} variables are ignored. */
    static Map<String, Setting> environment(Map<String, String> env, Map<String, OptionDef> defs) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
            String variable = entry.getKey();
            if (!variable.startsWith(OptionDef.ENV_PREFIX)) {
                continue;
            }
            String name = variable.substring(OptionDef.ENV_PREFIX.length())
                    .replace(OptionDef.ENV_SECTION_SEPARATOR, OptionDef.SECTION_SEPARATOR);
            Named option = lookUp(defs, name);
            if (option == null) {
                continue;
            }
            Setting previous = settings.put(option.key(), new Setting(entry.getValue(),
                    "environment variable " + variable));
            if (previous != null && !previous.value().equals(entry.getValue())) {
                throw new IllegalArgumentException("Option " + name + " is set differently by " + previous.source()
                        + " and environment variable " + variable + "; set it once");
            }
        }
        return settings;
    }

    /** An appsettings-style JSON object; nested objects are sections joined with {@code :}. Null path: no file. */
    static Map<String, Setting> configFile(Path path, Map<String, OptionDef> defs) {
        return configFile(path, defs, false);
    }

    /** As {@link #configFile(Path, Map)}, skipping other options without a word. */
    static Map<String, Setting> knownConfigFile(Path path, Map<String, OptionDef> defs) {
        return configFile(path, defs, true);
    }

    private static Map<String, Setting> configFile(Path path, Map<String, OptionDef> defs, boolean known) {
        Map<String, Setting> settings = new LinkedHashMap<>();
        if (path == null) {
            return settings;
        }
        JsonNode root = readJson(path);
        if (!root.isObject()) {
            throw new IllegalArgumentException("Config file " + path + " must hold a JSON object of options");
        }
        flatten(root, "", path, defs, settings, known);
        return settings;
    }

    static Path requireFile(Path path, String source) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("Config file " + path + " (from " + source + ") does not exist");
        }
        return path;
    }

    private static void flatten(JsonNode node, String prefix, Path path, Map<String, OptionDef> defs,
            Map<String, Setting> settings, boolean known) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(value, name + OptionDef.SECTION_SEPARATOR, path, defs, settings, known);
                continue;
            }
            Named option = lookUp(defs, name);
            if (option == null || option.def() == Options.CONFIG) {
                if (known) {
                    continue;
                }
                LOG.warn("Ignoring '{}' in config file {}: not a known option", name, path);
                continue;
            }
            if (!value.isValueNode()) {
                throw new IllegalArgumentException("Option " + name + " in config file " + path
                        + " must be a string, number or boolean, not " + value.getNodeType());
            }
            settings.put(option.key(), new Setting(value.isNull() ? "" : value.asText(), "config file " + path));
        }
    }

    /** An option as a source names it, and the key its setting is kept under. */
    record Named(OptionDef def, String key) {
    }

    /**
     * The option {@code name} sets: a defined option, or one of a {@link OptionDef#section}'s ({@code Section:key},
     * kept under its own lower-case name); null when none.
     */
    static Named lookUp(Map<String, OptionDef> defs, String name) {
        String key = OptionDef.key(name);
        OptionDef def = defs.get(key);
        if (def != null && !def.isSection()) {
            return new Named(def, key);
        }
        // a section's own name may hold ':' (Auth:Issuers): any prefix ending at a separator may name it
        for (int separator = key.indexOf(OptionDef.SECTION_SEPARATOR); separator >= 0 && separator < key.length() - 1;
             separator = key.indexOf(OptionDef.SECTION_SEPARATOR, separator + 1)) {
            OptionDef section = defs.get(key.substring(0, separator + 1));
            if (section != null && section.isSection()) {
                return new Named(section, key);
            }
        }
        return null;
    }

    private static JsonNode readJson(Path path) {
        try {
            return new ObjectMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Config file " + path + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String names(Map<String, OptionDef> defs) {
        StringBuilder names = new StringBuilder();
        for (OptionDef def : defs.values()) {
            names.append(names.length() == 0 ? "" : ", ").append("--").append(def.name());
        }
        return names.toString();
    }
}
