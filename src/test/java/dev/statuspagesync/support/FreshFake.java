package dev.statuspagesync.support;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives every test of a {@code @QuarkusTest} class a fresh fake Flashduty, strict unless the class says
 * {@link Kind}, after one warm-up invocation per class: the application's first call loads classes and opens its
 * first connection, and on a busy machine that can outlast a call's timeout, so a test that counts calls would
 * count a retry it did not cause. The warm-up's own outcome does not matter. It runs just before each test, after
 * Quarkus has pointed REST Assured at the function.
 */
public class FreshFake implements BeforeTestExecutionCallback {

    /** The class runs its tests against the fake's kind mode ({@code FakeFlashduty#kind}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Kind {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshFake.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        ExtensionContext.Store store = context.getParent().orElse(context).getStore(NAMESPACE);
        if (store.get("warm") == null) {
            Lambda.invoke(Fixtures.event("sns-single-metric-alarm.json"));
            store.put("warm", true);
        }
        fake().reset();
        if (context.getRequiredTestClass().isAnnotationPresent(Kind.class)) {
            fake().kind();
        }
    }
}
