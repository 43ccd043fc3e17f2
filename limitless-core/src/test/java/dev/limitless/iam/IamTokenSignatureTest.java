package dev.limitless.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.FixedClockRdsUtilities;

/**
 * Recomputes the SigV4 query signature of tokens minted through {@link IamTokenCache} from the static test
 * credentials and a fixed clock, with nothing from the AWS SDK but the token itself.
 */
class IamTokenSignatureTest {

    private static final Instant SIGNED_AT = Instant.parse("2026-11-23T03:04:05Z");
    private static final IamEndpoint ENDPOINT = new IamEndpoint(Region.EU_CENTRAL_1,
            "orders.proxy-c9akciq32abc.eu-central-1.rds.amazonaws.com", 5432, "orders_app");

    @Test
    void tokenFromBasicCredentialsCarriesEveryQueryParameterAndAValidSignature() throws Exception {
        String token = mint(TestCredentials.BASIC);

        assertThat(token).startsWith(ENDPOINT.host() + ":5432/?");
        Map<String, String> query = query(token);
        assertThat(query).containsOnlyKeys("Action", "DBUser", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature");
        assertThat(query).containsEntry("Action", "connect")
                .containsEntry("DBUser", "orders_app")
                .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
                .containsEntry("X-Amz-Credential", TestCredentials.ACCESS_KEY + "/20261123/eu-central-1/rds-db/aws4_request")
                .containsEntry("X-Amz-Date", "20261123T030405Z")
                .containsEntry("X-Amz-Expires", "900")
                .containsEntry("X-Amz-SignedHeaders", "host");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query));
    }

    @Test
    void tokenFromSessionCredentialsSignsTheSecurityToken() throws Exception {
        String token = mint(TestCredentials.SESSION);

        Map<String, String> query = query(token);
        assertThat(query).containsEntry("X-Amz-Security-Token", TestCredentials.SESSION_TOKEN)
                .containsEntry("X-Amz-Expires", "900")
                .containsEntry("Action", "connect");
        assertThat(query.get("X-Amz-Signature")).isEqualTo(expectedSignature(query));
    }

    @Test
    void signatureChangesWithTheUser() throws Exception {
        Map<String, String> query = query(mint(TestCredentials.BASIC));
        query.put("DBUser", "someone_else");

        assertThat(expectedSignature(query)).isNotEqualTo(query.get("X-Amz-Signature"));
    }

    private static String mint(AwsCredentialsProvider credentials) {
        Clock clock = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
        try (IamTokenCache cache = IamTokenCache.builder()
                .clock(clock)
                .credentialsProvider(credentials)
                .build()) {
            String token = cache.token(ENDPOINT);
            // the SDK's own RdsUtilities, at the same second, must mint the very same token
            assertThat(token).isEqualTo(FixedClockRdsUtilities.create(clock, credentials).generateAuthenticationToken(
                    request -> request.hostname(ENDPOINT.host()).port(ENDPOINT.port()).username(ENDPOINT.user())
                            .region(ENDPOINT.region())));
            return token;
        }
    }

    /** Decoded query parameters of a token, in name order. */
    private static Map<String, String> query(String token) {
        Map<String, String> parameters = new TreeMap<>();
        for (String pair : token.substring(token.indexOf('?') + 1).split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** SigV4 for a presigned GET of {@code https://host:port/} with the given query (service rds-db). */
    private static String expectedSignature(Map<String, String> query) throws Exception {
        StringBuilder canonicalQuery = new StringBuilder();
        new TreeMap<>(query).forEach((name, value) -> {
            if (!name.equals("X-Amz-Signature")) {
                canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&")
                        .append(encode(name)).append('=').append(encode(value));
            }
        });
        String canonicalRequest = String.join("\n",
                "GET",
                "/",
                canonicalQuery,
                "host:" + ENDPOINT.host() + ":" + ENDPOINT.port(),
                "",
                "host",
                hex(sha256(new byte[0])));
        String date = query.get("X-Amz-Date").substring(0, 8);
        String scope = date + "/" + ENDPOINT.region().id() + "/rds-db/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", query.get("X-Amz-Date"), scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] key = hmac(("AWS4" + TestCredentials.SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, ENDPOINT.region().id());
        key = hmac(key, "rds-db");
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** RFC 3986 unreserved characters stay, everything else is %XX (upper case), as SigV4 requires. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
