package io.rta.service.config;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One configuration option: its name in toolkit convention ({@code HttpPort}, {@code ServiceInfo:Label}), its
 * default and its documentation.
 */
public final class OptionDef {

    /** Prefix of the environment variables that set options. */
    public static final String ENV_PREFIX = "RTA_";
    /** Section separator in option names. */
    public static final String SECTION_SEPARATOR = ":";
    /** How the section separator is written in environment variable names. */
    public static final String ENV_SECTION_SEPARATOR = "__";

    private final String name;
    private final String documentedDefault;
    private final Supplier<String> defaultValue;
    private final String doc;

    private OptionDef(String name, String documentedDefault, Supplier<String> defaultValue, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    /** An option with a fixed default; use "" for "not set". */
    public static OptionDef of(String name, String defaultValue, String doc) {
        return new OptionDef(name, defaultValue, () -> defaultValue, doc);
    }

    /** An option whose default is computed when read (e.g. from the host name) and documented as {@code shown}. */
    public static OptionDef computed(String name, String shown, Supplier<String> defaultValue, String doc) {
        return new OptionDef(name, shown, defaultValue, doc);
    }

    public String name() {
        return name;
    }

    /** The default as shown in documentation. */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** The default value used when no source sets the option. */
    public String defaultValue() {
        return defaultValue.get();
    }

    public String doc() {
        return doc;
    }

    /** The key used for case-insensitive lookup. */
    String key() {
        return key(name);
    }

    /** The environment variable in ALLCAPS form, e.g. {@code RTA_SERVICEINFO__LABEL}. */
    public String envName() {
        return ENV_PREFIX + name.replace(SECTION_SEPARATOR, ENV_SECTION_SEPARATOR).toUpperCase(Locale.ROOT);
    }

    static String key(String optionName) {
        return optionName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name;
    }
}
