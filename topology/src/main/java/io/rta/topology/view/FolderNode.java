package io.rta.topology.view;

import io.rta.events.SessionFolder;

/** A folder as listed under its parent, with whether it has sub-folders. */
public record FolderNode(SessionFolder folder, boolean hasChildren) {

    public String identity() {
        return folder.getIdentity();
    }
}
