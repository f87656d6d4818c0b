package io.rta.schemas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * A registry held in memory for unit tests and TopologyTestDriver: the same contract as the real registry, with
 * deterministic ids (1, 2, ... in registration order; equal schemas share an id across subjects).
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Schema, Integer> idsBySchema = new HashMap<>();
    private final List<Schema> schemasById = new ArrayList<>();
    private final Map<String, List<Schema>> versionsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> levelsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(schema)) {
            checkCompatibility(subject, versions, schema);
            versions.add(schema);
        }
        return idsBySchema.computeIfAbsent(schema, s -> {
            schemasById.add(s);
            return schemasById.size();
        });
    }

    @Override
    public synchronized Schema getById(int id) {
        if (id < 1 || id > schemasById.size()) {
            throw new SchemaRegistryException("No schema with id " + id + " in the in-memory registry");
        }
        return schemasById.get(id - 1);
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        levelsBySubject.put(subject, CompatibilityLevel.parse(level));
    }

    private void checkCompatibility(String subject, List<Schema> versions, Schema candidate) {
        CompatibilityLevel level = levelsBySubject.getOrDefault(subject, CompatibilityLevel.NONE);
        if (versions.isEmpty() || level == CompatibilityLevel.NONE) {
            return;
        }
        List<Schema> earlier = level.transitive() ? versions : versions.subList(versions.size() - 1, versions.size());
        for (Schema old : earlier) {
            if (level.newReadsOld()) {
                requireCompatible(subject, level, candidate, old, "the new schema cannot read data written with");
            }
            if (level.oldReadsNew()) {
                requireCompatible(subject, level, old, candidate, "data written with the new schema cannot be read by");
            }
        }
    }

    private static void requireCompatible(String subject, CompatibilityLevel level, Schema reader, Schema writer,
            String problem) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            throw new SchemaRegistryException("Schema for subject '" + subject + "' is not " + level
                    + " compatible: " + problem + " an earlier version: " + result.getDescription());
        }
    }
}
