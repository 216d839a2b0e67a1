package dev.statuspagesync.handler;

import jakarta.enterprise.inject.Typed;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.FreshFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every test of {@link FixtureInvocationTest} against the fake's kind mode: the function keeps its promises under both. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@FreshFake.Kind
// Its own bean type only: Quarkus makes test classes beans, and the base class must stay unambiguous.
@Typed(FixtureInvocationKindFakeTest.class)
class FixtureInvocationKindFakeTest extends FixtureInvocationTest {
}
