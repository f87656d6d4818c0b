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
    /** Empty for a plain option; for a section, what its keys stand for, e.g. {@code <source>}. */
    private final String sectionKey;
    private final String documentedDefault;
    private final Supplier<String> defaultValue;
    private final String doc;

    private OptionDef(String name, String sectionKey, String documentedDefault, Supplier<String> defaultValue,
                      String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.sectionKey = Objects.requireNonNull(sectionKey, "sectionKey");
        this.documentedDefault = Objects.requireNonNull(documentedDefault, "documentedDefault");
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    /** An option with a fixed default; use "" for "not set". */
    public static OptionDef of(String name, String defaultValue, String doc) {
        return new OptionDef(name, "", defaultValue, () -> defaultValue, doc);
    }

    /**
     * A section of any number of options named {@code name:<key>} (e.g. {@code DataServiceUris:store}), set like any
     * other ({@code --DataServiceUris:store uri}, {@code RTA_DATASERVICEURIS__STORE}, a nested JSON object) and read
     * with {@link Options#getSection}. Keys are matched case-insensitively and read back in lower case.
     *
     * @param keyMeaning what a key stands for, shown in documentation, e.g. {@code <source>}
     */
    public static OptionDef section(String name, String keyMeaning, String doc) {
        if (name.isEmpty() || name.endsWith(SECTION_SEPARATOR) || keyMeaning.isEmpty()) {
            throw new IllegalArgumentException("a section is named without a trailing ':' and says what its keys are: "
                    + name);
        }
        return new OptionDef(name, keyMeaning, "", () -> "", doc);
    }

    /** An option whose default is computed when read (e.g. from the host name) and documented as {@code shown}. */
    public static OptionDef computed(String name, String shown, Supplier<String> defaultValue, String doc) {
        return new OptionDef(name, "", shown, defaultValue, doc);
    }

    /** The name; for a section, with what its keys stand for: {@code DataServiceUris:<source>}. */
    public String name() {
        return isSection() ? name + SECTION_SEPARATOR + sectionKey : name;
    }

    /** The name without, for a section, what its keys stand for: {@code DataServiceUris}, {@code Auth:Issuers}. */
    public String baseName() {
        return name;
    }

    /** True for a {@link #section}. */
    public boolean isSection() {
        return !sectionKey.isEmpty();
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

    /** The key used for case-insensitive lookup; for a section, the prefix of its options' keys ({@code name:}). */
    String key() {
        return isSection() ? key(name + SECTION_SEPARATOR) : key(name);
    }

    /** The environment variable in ALLCAPS form, e.g. {@code RTA_SERVICEINFO__LABEL}. */
    public String envName() {
        return ENV_PREFIX + name().replace(SECTION_SEPARATOR, ENV_SECTION_SEPARATOR).toUpperCase(Locale.ROOT);
    }

    static String key(String optionName) {
        return optionName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return name();
    }
}
