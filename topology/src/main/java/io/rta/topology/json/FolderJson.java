package io.rta.topology.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rta.topology.view.FolderNode;
import java.util.List;

/** Renders folder listings as the SessionFolders JSON of api.yaml (label and description always present). */
public final class FolderJson {

    private FolderJson() {
    }

    public static ArrayNode render(List<FolderNode> folders) {
        ArrayNode array = Json.NODES.arrayNode();
        for (FolderNode node : folders) {
            array.addObject()
                    .put("identity", node.identity())
                    .put("label", node.folder().getLabel())
                    .put("description", node.folder().getDescription())
                    .put("hasChildren", node.hasChildren());
        }
        return array;
    }
}
