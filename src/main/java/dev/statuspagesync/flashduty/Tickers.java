package dev.statuspagesync.flashduty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The monotonic time Flashduty's calls are paced and held back by: the system's; a test may put a stepped one. */
class Tickers {

    @Produces
    @ApplicationScoped
    Ticker ticker() {
        return Ticker.SYSTEM;
    }
}
