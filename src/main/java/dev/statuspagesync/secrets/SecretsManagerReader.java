package dev.statuspagesync.secrets;

import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Reads one field of a JSON secret from AWS Secrets Manager ({@code GetSecretValue}): the SDK's client on the
 * URL-connection HTTP client, with the credentials Lambda puts in the environment, in the secret's Region (from its
 * ARN, else the function's). Neither the value nor any part of it is ever logged or put in a message.
 */
public final class SecretsManagerReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretsManagerReader() {
    }

    /**
     * The {@code field} of secret {@code secretId} (a name or an ARN), at {@code versionId} when given; throws
     * {@link IllegalStateException} naming the secret and the cause, never the value.
     */
    public static String read(Secret secret, String defaultRegion) {
        String region = secret.region().orElse(defaultRegion);
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("cannot read secret " + secret.id() + ": no Region (AWS_REGION)");
        }
        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .region(Region.of(region))
                .credentialsProvider(AwsCredentialsProviderChain.of(EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create()))
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(TIMEOUT))
                .overrideConfiguration(override -> override.apiCallTimeout(TIMEOUT.multipliedBy(2)))
                .build()) {
            GetSecretValueResponse answer = client.getSecretValue(request -> request.secretId(secret.id())
                    .versionId(secret.version().orElse(null)));
            return field(secret, answer.secretString());
        } catch (SdkException unanswered) {
            throw new IllegalStateException("cannot read secret " + secret.id() + ": "
                    + unanswered.getClass().getSimpleName() + " (" + unanswered.getMessage() + ")");
        }
    }

    /** The field of the secret's JSON text; a message that names the field, never the text. */
    static String field(Secret secret, String text) {
        if (text == null) {
            throw new IllegalStateException("secret " + secret.id() + " holds no text (SecretString)");
        }
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            document = null;
        }
        JsonNode value = document == null || !document.isObject() ? null : document.get(secret.field());
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("secret " + secret.id() + " is not JSON with a text field \""
                    + secret.field() + "\"");
        }
        return value.asText().strip();
    }
}
