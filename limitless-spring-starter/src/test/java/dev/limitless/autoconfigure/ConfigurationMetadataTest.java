package dev.limitless.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The properties users write are a contract: the generated configuration metadata (what IDEs complete and
 * {@code spring-boot-properties-migrator} reads) must list exactly the properties of
 * {@code META-INF/limitless/configuration-properties.txt} (which the unknown-properties check reads at start-up), with
 * the same types, defaults and deprecations. Reshaping the properties classes must not lose, rename or re-default one.
 */
class ConfigurationMetadataTest {

    @Test
    void metadataListsExactlyTheDocumentedProperties() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : read("/META-INF/limitless/configuration-properties.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.strip());
            }
        }
        List<Map<String, Object>> properties = JsonPath.read(read("/META-INF/spring-configuration-metadata.json"),
                "$.properties[*]");
        List<String> actual = properties.stream().map(ConfigurationMetadataTest::describe).sorted().toList();

        assertThat(actual).as("properties in META-INF/spring-configuration-metadata.json")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyPropertyHasADescription() throws IOException {
        List<Map<String, Object>> properties = JsonPath.read(read("/META-INF/spring-configuration-metadata.json"),
                "$.properties[?(@.name =~ /limitless\\..*/)]");
        assertThat(properties).isNotEmpty().allSatisfy(property -> assertThat(property.get("description"))
                .as("description of %s (the field's Javadoc)", property.get("name")).isNotNull());
    }

    @SuppressWarnings("unchecked")
    private static String describe(Map<String, Object> property) {
        Object value = property.get("defaultValue");
        String defaultValue = value == null ? "-" : value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
        String line = property.get("name") + " | " + property.getOrDefault("type", "-") + " | " + defaultValue;
        Map<String, Object> deprecation = (Map<String, Object>) property.get("deprecation");
        if (deprecation != null) {
            line += " | deprecated, use " + deprecation.getOrDefault("replacement", "-");
        }
        return line;
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
