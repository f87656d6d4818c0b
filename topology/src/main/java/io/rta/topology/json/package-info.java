/**
 * JSON of the REST API: the shared Jackson settings ({@link io.rta.topology.json.Json}), sessions and
 * pages ({@link io.rta.topology.json.SessionJson}) and folder listings ({@link io.rta.topology.json.FolderJson}).
 */
package io.rta.topology.json;
