package io.rta.service.logging;

import ch.qos.logback.classic.Level;
import io.rta.service.config.OptionDef;
import io.rta.service.config.Options;
import io.rta.service.config.RtaOptions;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the process logs, from the options {@code LogFormat}, {@code LogLevel} and {@code LogLevels}.
 *
 * @param format the line format
 * @param level  the level of every logger not in {@code levels} and not quiet by default ({@link LogSetup#QUIET})
 * @param levels levels of single loggers, over {@code level} and the quiet defaults
 */
public record LogSettings(Format format, Level level, Map<String, Level> levels) {

    /** The options read here; every command accepts them. */
    public static final List<OptionDef> OPTIONS = List.of(RtaOptions.LOG_FORMAT, RtaOptions.LOG_LEVEL,
            RtaOptions.LOG_LEVELS);

    /** A log line's format. */
    public enum Format {
        /** One human-readable line per event. */
        TEXT,
        /** One JSON object per line (Dropwizard's JSON layout). */
        JSON
    }

    public LogSettings {
        levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** Text at INFO: what a process logs before it has read its options. */
    public static LogSettings defaults() {
        return new LogSettings(Format.TEXT, Level.INFO, Map.of());
    }

    /**
     * The logging options of the process's command line, environment and config file, read before anything else:
     * other options are left to the command.
     *
     * @throws IllegalArgumentException naming the option and the rule, for a bad value
     */
    public static LogSettings load(String[] args, Map<String, String> env, Path workingDir) {
        return from(Options.loadKnown(OPTIONS, args, env, workingDir));
    }

    /** As {@link #load}, at {@code commandLevel} unless {@code LogLevel} is set: a command may be quieter. */
    public static LogSettings load(String[] args, Map<String, String> env, Path workingDir, Level commandLevel) {
        Options options = Options.loadKnown(OPTIONS, args, env, workingDir);
        LogSettings settings = from(options);
        return options.isSet(RtaOptions.LOG_LEVEL) ? settings : settings.withLevel(commandLevel);
    }

    /**
     * The settings {@code options} name.
     *
     * @throws IllegalArgumentException naming the option and the rule, for a bad value
     */
    public static LogSettings from(Options options) {
        return new LogSettings(format(options), level(RtaOptions.LOG_LEVEL, options.getString(RtaOptions.LOG_LEVEL)),
                levels(options.getString(RtaOptions.LOG_LEVELS)));
    }

    /** A copy at {@code newLevel}. */
    public LogSettings withLevel(Level newLevel) {
        return new LogSettings(format, newLevel, levels);
    }

    private static Format format(Options options) {
        String text = options.getString(RtaOptions.LOG_FORMAT).trim();
        for (Format format : Format.values()) {
            if (format.name().equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("Option " + RtaOptions.LOG_FORMAT.name() + " = '" + text
                + "' must be text or json");
    }

    /** {@code logger=LEVEL,logger=LEVEL}; blanks around names, levels and commas are ignored. */
    static Map<String, Level> levels(String text) {
        Map<String, Level> levels = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String logger = equals < 0 ? "" : entry.substring(0, equals).trim();
            if (logger.isEmpty()) {
                throw new IllegalArgumentException("Option " + RtaOptions.LOG_LEVELS.name() + ": '" + entry.trim()
                        + "' must be logger=LEVEL, e.g. org.apache.kafka=INFO");
            }
            levels.put(logger, level(RtaOptions.LOG_LEVELS, entry.substring(equals + 1)));
        }
        return levels;
    }

    private static Level level(OptionDef def, String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        if (List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF").contains(name)) {
            return Level.toLevel(name);
        }
        throw new IllegalArgumentException("Option " + def.name() + ": level '" + text.trim()
                + "' must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
    }
}
