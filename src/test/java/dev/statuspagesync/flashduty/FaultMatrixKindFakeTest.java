package dev.statuspagesync.flashduty;

import jakarta.enterprise.inject.Typed;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.FreshFake;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every test of {@link FaultMatrixTest} against the fake's kind mode: the function keeps its promises under both. */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@FreshFake.Kind
// Its own bean type only: Quarkus makes test classes beans, and the base class must stay unambiguous.
@Typed(FaultMatrixKindFakeTest.class)
class FaultMatrixKindFakeTest extends FaultMatrixTest {
}
