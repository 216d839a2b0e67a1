package dev.statuspagesync.flashduty;

/**
 * The paths of Flashduty's status-page operations, declared once: {@link FlashdutyApi} is annotated with them, a
 * dry run names the write calls it did not make by them, and the tests name the calls they count by them.
 */
public final class FlashdutyPaths {

    static final String CHANGE = "/status-page/change";
    static final String CREATE = "/create";
    static final String DELETE = "/delete";
    static final String TIMELINE_CREATE = "/timeline/create";
    static final String TIMELINE_UPDATE = "/timeline/update";
    static final String ACTIVE_LIST = "/active/list";
    static final String LIST = "/list";
    static final String INFO = "/info";

    public static final String CREATE_PATH = CHANGE + CREATE;
    public static final String DELETE_PATH = CHANGE + DELETE;
    public static final String TIMELINE_PATH = CHANGE + TIMELINE_CREATE;
    public static final String TIMELINE_UPDATE_PATH = CHANGE + TIMELINE_UPDATE;
    public static final String ACTIVE_LIST_PATH = CHANGE + ACTIVE_LIST;
    public static final String LIST_PATH = CHANGE + LIST;
    public static final String INFO_PATH = CHANGE + INFO;

    private FlashdutyPaths() {
    }
}
