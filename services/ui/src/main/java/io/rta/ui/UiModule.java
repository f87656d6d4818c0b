package io.rta.ui;

import io.rta.service.module.ServiceModule;
import java.util.List;

/** The browser viewer at {@code /ui/}, added to {@code ./rta server} and {@code ./rta gateway} (unless {@code Ui:Enabled} is false). */
public final class UiModule implements ServiceModule {

    private final UiSettings settings;

    public UiModule(UiSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<String> features() {
        return settings.enabled() ? List.of("viewer") : List.of();
    }

    @Override
    public List<Object> resources() {
        return settings.enabled() ? List.of(new UiResource(settings)) : List.of();
    }
}
