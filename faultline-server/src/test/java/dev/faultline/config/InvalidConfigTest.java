package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code config/invalid-*.yaml} is paired with {@code invalid-*.errors}: the exact errors it
 * must give, one per line, in file order (as blackbox_exporter pairs its invalid configs with
 * their messages). Adding a case is adding a pair of files.
 */
class InvalidConfigTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("DEPLOY_ENV", "", "REGION", "eu-west");

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("invalid-") && n.endsWith(".yaml"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rejectsTheFileWithExactlyItsErrors(String fixture) throws Exception {
        LoadResult result = new ConfigLoader(ENVIRONMENT).parse(Files.readString(dir().resolve(fixture)), fixture);

        List<String> expected = Files.readAllLines(dir().resolve(fixture.replace(".yaml", ".errors"))).stream()
                .filter(line -> !line.isBlank())
                .toList();
        assertThat(result).isInstanceOf(LoadResult.Rejected.class);
        assertThat(((LoadResult.Rejected) result).errors()).map(ConfigError::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void coversEveryKindOfMistakeTheIssueNames() throws Exception {
        assertThat(fixtures().toList()).hasSizeGreaterThanOrEqualTo(14);
    }

    private static Path dir() {
        try {
            return Path.of(InvalidConfigTest.class.getResource("/config").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
