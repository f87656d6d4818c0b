package io.rta.files.paths;

import java.util.Locale;

/** The file formats served, by file name extension. */
public enum FileFormat {
    PARQUET,
    CSV;

    /** The format of {@code fileName}, or null when it is neither Parquet nor CSV. */
    public static FileFormat of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet") || name.endsWith(".parq")) {
            return PARQUET;
        }
        if (name.endsWith(".csv") || name.endsWith(".csv.gz") || name.endsWith(".tsv")) {
            return CSV;
        }
        return null;
    }
}
