package io.rta.ui;

import io.rta.service.auth.AuthSettings;
import io.rta.service.config.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The viewer's settings, read once from the options.
 *
 * @param directory where the viewer's own files come from instead of the jar, if set
 * @param login what the page needs to log in with EnableAuth (the first issuer: the viewer's users are ours), if on
 */
public record UiSettings(boolean enabled, Optional<Path> directory, Optional<Login> login) {

    /** The authorization-code + PKCE parameters the page reads from {@code /ui/config.json}. */
    public record Login(String authority, String audience, String clientId, String scope) {
    }

    public static UiSettings from(Options options, AuthSettings auth) {
        String dir = options.getString(UiOptions.DIRECTORY).strip();
        Optional<Path> directory = Optional.empty();
        if (!dir.isEmpty()) {
            Path path = Path.of(dir).toAbsolutePath().normalize();
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(UiOptions.DIRECTORY.name() + " '" + dir + "' is not a directory");
            }
            directory = Optional.of(path);
        }
        Optional<Login> login = Optional.empty();
        if (auth.enabled() && !auth.issuers().isEmpty()) {
            AuthSettings.Issuer issuer = auth.issuers().get(0);
            login = Optional.of(new Login(issuer.authority().toString(), issuer.audience(),
                    options.getString(UiOptions.CLIENT_ID).strip(), options.getString(UiOptions.SCOPE).strip()));
        }
        boolean enabled = options.getBoolean(UiOptions.ENABLED);
        if (enabled && login.isPresent() && login.get().clientId().isEmpty()) {
            // the page cannot log anyone in without a client of the provider: say so now, not in a user's browser
            LoggerFactory.getLogger(UiSettings.class).warn("The viewer (/ui/) cannot log users in: EnableAuth is on but "
                    + "{} is empty; register a public client (authorization code + PKCE, redirect URI <origin>/ui/) "
                    + "at the provider and set it, or turn the viewer off with {}=false", UiOptions.CLIENT_ID.name(),
                    UiOptions.ENABLED.name());
        }
        return new UiSettings(enabled, directory, login);
    }
}
