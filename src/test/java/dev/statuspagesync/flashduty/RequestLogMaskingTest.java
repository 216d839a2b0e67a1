package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.APP_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.support.Fixtures;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.LogCapture;
import dev.statuspagesync.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With the REST client's request log switched on, requests are logged with the app key masked. */
@QuarkusTest
@TestProfile(Profiles.Calm.class)
@QuarkusTestResource(FakeFlashdutyResource.class)
@ExtendWith(FreshFake.class)
class RequestLogMaskingTest {

    @Test
    void logsEachRequestAndResponseWithTheAppKeyMasked() {
        List<String> lines;
        try (LogCapture capture = LogCapture.start()) {
            Lambda.answer(Fixtures.event("sns-single-metric-alarm.json"));
            lines = capture.lines();
        }

        List<String> requests = lines.stream().filter(line -> line.contains("MaskingClientLogger: Request: ")).toList();
        assertEquals(5, requests.size(), "list, resolved list, maintenance list, create, list: " + lines);
        assertTrue(requests.get(0).contains(FlashdutyPaths.ACTIVE_LIST_PATH + "?"), requests.get(0));
        assertTrue(requests.get(0).contains(MaskingClientLogger.MASK), requests.get(0));
        assertTrue(requests.get(3).startsWith(MaskingClientLogger.class.getName() + ": Request: POST "),
                requests.get(3));
        assertTrue(requests.get(3).contains("\"page_id\":"), "the body is logged: " + requests.get(3));
        assertEquals(5, lines.stream().filter(line -> line.contains("MaskingClientLogger: Response: ")).count());
        assertEquals(List.of(), lines.stream().filter(line -> line.contains(APP_KEY)).toList());
    }

    @Test
    void masksEveryAppKeyValueInAUrl() {
        assertEquals("https://api.flashcat.cloud/status-page/change/info?page_id=1&app_key=****&change_id=2",
                MaskingClientLogger.mask("https://api.flashcat.cloud/status-page/change/info?page_id=1&app_key="
                        + "s3cr3t-V@lue&change_id=2"));
        assertEquals("/x?app_key=****", MaskingClientLogger.mask("/x?APP_KEY=abc"));
    }
}
