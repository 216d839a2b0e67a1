package dev.statuspagesync.flashduty;

import static dev.statuspagesync.fake.FakeFlashdutyResource.fake;
import static dev.statuspagesync.fake.FakeSecretsManagerResource.secrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import dev.statuspagesync.fake.FakeFlashdutyResource;
import dev.statuspagesync.fake.FakeSecretsManager;
import dev.statuspagesync.fake.FakeSecretsManagerResource;
import dev.statuspagesync.page.References;
import dev.statuspagesync.support.AlarmEvents;
import dev.statuspagesync.support.FreshFake;
import dev.statuspagesync.support.Lambda;
import dev.statuspagesync.support.LogCapture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * As the template deploys it: the app key and the reference key are read from their Secrets Manager secrets at start,
 * not from the function's configuration, and a key Flashduty refuses after a rotation is read again once.
 */
@QuarkusTest
@QuarkusTestResource(FakeFlashdutyResource.class)
@QuarkusTestResource(value = FakeSecretsManagerResource.class, restrictToAnnotatedClass = true)
@ExtendWith(FreshFake.class)
// The rotation runs last: the environment keeps the rotated key, as a deployed one would.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppKeySecretTest {

    static final String ROTATED = "rotated-app-key-5d1e9b7a";

    @Test
    void readsBothKeysFromTheirSecretsAtStart() {
        List<String> read = secrets().requests().stream().map(FakeSecretsManager.Recorded::body)
                .map(body -> body.path("SecretId").asText()).distinct().toList();

        assertTrue(read.containsAll(List.of(FakeSecretsManagerResource.APP_KEY_SECRET,
                FakeSecretsManagerResource.REFERENCE_KEY_SECRET)), read.toString());
        assertTrue(secrets().requests().stream().allMatch(request -> "secretsmanager.GetSecretValue"
                .equals(request.target())));
        assertEquals("created", Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:30:00.000+0000"))
                .path("outcome").asText());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aRotatedKeyIsReadAgainWhenFlashdutyRefusesTheOldOneAndNeverLogged() {
        int before = secrets().requests().size();
        secrets().put(FakeSecretsManagerResource.APP_KEY_SECRET, "{\"app_key\": \"" + ROTATED + "\"}");
        fake().rotateKey(ROTATED);

        JsonNode answer;
        try (LogCapture log = LogCapture.start()) {
            answer = Lambda.answer(AlarmEvents.sns("ALARM", "OK", "2026-03-14T09:30:00.000+0000"));
            String text = String.join("\n", log.lines());
            assertTrue(text.contains("Flashduty refused the app key; read it again: a new key"), text);
            assertFalse(text.contains(ROTATED), "the key is never logged");
            assertFalse(text.contains(FakeFlashdutyResource.APP_KEY), "nor the old one");
        }

        assertEquals("created", answer.path("outcome").asText(), answer.toString());
        assertEquals(1, secrets().requests().size() - before, "one read after the refusal");
        var calls = fake().requests();
        assertEquals(FakeFlashdutyResource.APP_KEY, calls.get(0).query().get("app_key"), "refused: the old key");
        assertEquals(ROTATED, calls.get(calls.size() - 1).query().get("app_key"));
    }

    @Test
    void theReferencesAreMadeWithTheSecretsKey() {
        assertEquals(References.under(FakeSecretsManagerResource.REFERENCE_KEY).alarm(AlarmEvents.ARN),
                References.current().alarm(AlarmEvents.ARN));
    }
}
