/**
 * In-memory views fed by consumer threads and read by request threads: the folder tree ({@link
 * io.rta.topology.view.FolderTree}) and the indexed session catalog ({@link io.rta.topology.view.SessionCatalog}).
 */
package io.rta.topology.view;
