package dev.statuspagesync.routing;

/** Thrown at start-up when the route configuration cannot work; the message names the setting to fix. */
public class RouteConfigException extends RuntimeException {

    public RouteConfigException(String message) {
        super(message);
    }
}
