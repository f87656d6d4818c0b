package io.rta.ui;

import io.rta.service.config.OptionDef;
import java.util.List;

/** The viewer's options, shared by {@code ./rta server} and {@code ./rta gateway}. */
public final class UiOptions {

    public static final OptionDef ENABLED = OptionDef.of("Ui:Enabled", "true",
            "Serve the browser viewer at /ui/ (and Swagger UI for the API at /ui/api/).");
    public static final OptionDef DIRECTORY = OptionDef.of("Ui:Directory", "",
            "Serve the viewer's own files (index.html, js/, viewer.css) from this directory instead of the jar, to "
                    + "customise or develop them; the plotting library and Swagger UI still come from the jar.");
    public static final OptionDef CLIENT_ID = OptionDef.of("Ui:ClientId", "",
            "With EnableAuth: the OAuth 2.0 client id (a public client, no secret) the viewer logs in with, by the "
                    + "authorization-code flow with PKCE against Auth:Authority; its redirect URI is the /ui/ page.");
    public static final OptionDef SCOPE = OptionDef.of("Ui:Scope", "openid",
            "With EnableAuth: the scopes the viewer asks for when it logs in (space-separated).");

    public static final List<OptionDef> ALL = List.of(ENABLED, DIRECTORY, CLIENT_ID, SCOPE);

    private UiOptions() {
    }
}
