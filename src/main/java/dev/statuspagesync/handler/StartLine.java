package dev.statuspagesync.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** The function's first line of log: which release starts, so that every log says what wrote it. */
@ApplicationScoped
class StartLine {

    private static final Logger LOG = Logger.getLogger(StartLine.class);

    void onStart(@Observes StartupEvent start, @ConfigProperty(name = "quarkus.application.name") String name,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        LOG.info(line(name, version));
    }

    static String line(String name, String version) {
        return name + " " + version + " starting";
    }
}
