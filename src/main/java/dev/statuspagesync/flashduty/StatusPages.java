package dev.statuspagesync.flashduty;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.statuspagesync.config.FlashdutyConfig;

/** Chooses once, at start-up, the status page the use cases write to: Flashduty, or a dry run's held writes. */
@Singleton
class StatusPages {

    @Produces
    @Singleton
    StatusPageApi statusPage(FlashdutyClient flashduty, FlashdutyConfig config) {
        return config.dryRun() ? new DryRunStatusPage(flashduty) : flashduty;
    }
}
