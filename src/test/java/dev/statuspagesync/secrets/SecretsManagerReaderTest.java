package dev.statuspagesync.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key is one field of the secret's JSON; whatever else the secret holds, no message quotes it. */
class SecretsManagerReaderTest {

    static final Secret SECRET = new Secret("arn:aws:secretsmanager:us-east-1:210987654321:secret:flashduty-Ab12Cd",
            "app_key", Optional.empty());

    @Test
    void readsTheNamedFieldOfTheJson() {
        assertEquals("fd-key-31f0", SecretsManagerReader.field(SECRET,
                "{\"app_key\": \" fd-key-31f0 \", \"note\": \"rotated monthly\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "fd-key-31f0", "{\"appkey\": \"fd-key-31f0\"}", "{\"app_key\": 31}",
            "{\"app_key\": \" \"}", "[\"fd-key-31f0\"]" })
    void aSecretWithoutTheFieldStopsTheStartWithoutQuotingIt(String text) {
        var error = assertThrows(IllegalStateException.class, () -> SecretsManagerReader.field(SECRET, text));

        assertEquals("secret " + SECRET.id() + " is not JSON with a text field \"app_key\"", error.getMessage());
        assertFalse(error.getMessage().contains("fd-key-31f0"));
    }

    @Test
    void aBinarySecretHasNoText() {
        var error = assertThrows(IllegalStateException.class, () -> SecretsManagerReader.field(SECRET, null));

        assertEquals("secret " + SECRET.id() + " holds no text (SecretString)", error.getMessage());
    }
}
