package dev.statuspagesync.support;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test of a {@code @QuarkusTest} class a fresh fake Flashduty, after one warm-up invocation per class:
 * the application's first call loads classes and opens its first connection, and on a busy machine that can
 * outlast a call's timeout, so a test that counts calls would count a retry it did not cause. The warm-up's own
 * outcome does not matter. Register it after {@code @QuarkusTest}, which points REST Assured at the function.
 */
public class FreshFake implements BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshFake.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getParent().orElse(context).getStore(NAMESPACE);
        if (store.get("warm") == null) {
            Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));
            store.put("warm", true);
        }
        fake().reset();
    }
}
