package io.rta.service.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * The options a command runs with, as one line for the start-up log, with secrets masked: the whole value of an
 * option whose name says it holds a credential, and the credential inside any other value (a URI's user info, a
 * {@code password=} field of a connection string).
 */
public final class EffectiveOptions {

    /** What a masked secret is shown as. */
    public static final String MASK = "****";

    private static final List<String> SECRET_NAMES = List.of("password", "secret", "token", "credential", "jaas");
    /** {@code scheme://user:password@} or {@code scheme://token@}: everything between "//" and "@". */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\\s]*)@");
    /** {@code password=...} and the like inside a connection string or query, up to the next separator. */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|token|apikey|api_key|access_key)\\s*[=:]\\s*)[^,;&\\s]+");

    private EffectiveOptions() {
    }

    /**
     * Every option as {@code Name=value}, with where it came from when not the default, comma-separated, e.g.
     * {@code HttpPort=8081 (command line --HttpPort), GrpcPort=8082}; secrets masked.
     */
    public static String describe(Options options) {
        StringBuilder line = new StringBuilder();
        for (OptionDef def : options.defs()) {
            if (def.isSection()) {
                options.getSection(def).forEach((key, value) -> line.append(line.length() == 0 ? "" : ", ")
                        .append(sectionName(def, key)).append('=')
                        .append(quoted(masked(sectionName(def, key), value))));
                continue;
            }
            line.append(line.length() == 0 ? "" : ", ").append(def.name()).append('=')
                    .append(quoted(masked(def, options.getString(def))));
            if (options.isSet(def)) {
                line.append(" (").append(options.sourceOf(def)).append(')');
            }
        }
        return line.toString();
    }

    /**
     * Logs {@link #describe} as one INFO line; in JSON logs the masked values are also the line's {@code mdc}
     * object (option name to value), for log tools to pick out.
     */
    public static void log(Logger log, String command, Options options) {
        Map<String, String> values = values(options);
        values.forEach(MDC::put);
        try {
            log.info("{} options: {}", command, describe(options));
        } finally {
            values.keySet().forEach(MDC::remove);
        }
    }

    /** Every option's name and value, secrets masked, in definition order. */
    public static Map<String, String> values(Options options) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionDef def : options.defs()) {
            if (def.isSection()) {
                options.getSection(def).forEach((key, value) -> {
                    String name = sectionName(def, key);
                    values.put(name, masked(name, value));
                });
            } else {
                values.put(def.name(), masked(def, options.getString(def)));
            }
        }
        return values;
    }

    /** {@code DataServiceUris:store} for key {@code store} of section {@code DataServiceUris:<source>}. */
    private static String sectionName(OptionDef section, String key) {
        return section.baseName() + OptionDef.SECTION_SEPARATOR + key;
    }

    /** {@code value} as it may be shown: masked whole for a credential option, else with credentials in it masked. */
    public static String masked(OptionDef def, String value) {
        return masked(def.name(), value);
    }

    /** {@code value} of the option (or section member, {@code Kafka:sasl.jaas.config}) named {@code optionName}. */
    static String masked(String optionName, String value) {
        if (value.isEmpty()) {
            return value;
        }
        String name = optionName.toLowerCase(Locale.ROOT);
        // "key" only at the end of the name (ApiKey, Auth:ClientKey): MaxSortKeys is a count, not a secret
        if (SECRET_NAMES.stream().anyMatch(name::contains) || name.endsWith("key")) {
            return MASK;
        }
        return maskedWithin(value);
    }

    /** {@code text} with a URI's user info and {@code password=}-style fields masked; a user name stays. */
    public static String maskedWithin(String text) {
        Matcher userInfo = USER_INFO.matcher(text);
        StringBuilder result = new StringBuilder();
        while (userInfo.find()) {
            String info = userInfo.group(2);
            int colon = info.indexOf(':');
            String shown = colon < 0 ? MASK : info.substring(0, colon + 1) + MASK;
            userInfo.appendReplacement(result, Matcher.quoteReplacement(userInfo.group(1) + shown + "@"));
        }
        userInfo.appendTail(result);
        return SECRET_FIELD.matcher(result).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    /** Values with a blank, a comma or nothing at all in quotes, so the line splits back unambiguously. */
    private static String quoted(String value) {
        return value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == ',' || c == '\'' || c < 0x20)
                ? "'" + escaped(value) + "'" : value;
    }

    /** Control characters as {@code \\uXXXX}, so a value cannot forge a log line. */
    private static String escaped(String value) {
        StringBuilder text = new StringBuilder();
        value.chars().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                text.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else if (c == '\'') {
                text.append("\\'");
            } else {
                text.append((char) c);
            }
        });
        return text.toString();
    }
}
