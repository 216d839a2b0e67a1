package dev.statuspagesync.flashduty;

/**
 * The status-page operations the function calls: each with its path ({@link FlashdutyPaths}), the name messages
 * give it ({@code change/timeline/create}) and the part of metric names it adds ({@code TimelineCreate}).
 */
public enum Operation {
    CREATE(FlashdutyPaths.CREATE_PATH),
    TIMELINE_CREATE(FlashdutyPaths.TIMELINE_PATH),
    TIMELINE_UPDATE(FlashdutyPaths.TIMELINE_UPDATE_PATH),
    DELETE(FlashdutyPaths.DELETE_PATH),
    ACTIVE_LIST(FlashdutyPaths.ACTIVE_LIST_PATH),
    LIST(FlashdutyPaths.LIST_PATH),
    INFO(FlashdutyPaths.INFO_PATH);

    private static final String ROOT = "/status-page/";

    private final String path;
    private final String label;
    private final String metricName;

    Operation(String path) {
        this.path = path;
        this.label = path.substring(ROOT.length());
        StringBuilder name = new StringBuilder();
        for (String word : label.replaceFirst("^change/", "").split("/")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        this.metricName = name.toString();
    }

    public String path() {
        return path;
    }

    /** "change/timeline/create": how messages name it. */
    public String label() {
        return label;
    }

    /** "TimelineCreate": what it adds to a metric's name, as in {@code FlashdutyCallsTimelineCreate}. */
    public String metricName() {
        return metricName;
    }

    @Override
    public String toString() {
        return label;
    }
}
