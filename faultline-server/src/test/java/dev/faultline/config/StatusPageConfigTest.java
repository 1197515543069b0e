package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code status_pages}: read with its groups, monitors named as the file names them (other names as
 * written: they may be API monitors), details hidden by default.
 */
class StatusPageConfigTest {

    @Test
    void readsPagesWithGroupsAndHidesDetailsByDefault() {
        String yaml = """
                monitors:
                  - { name: API, url: "https://api.example.com/" }
                  - { name: Checkout, url: "https://shop.example.com/" }
                status_pages:
                  - slug: public
                    title: Example status
                    groups:
                      - { name: Shop, monitors: [checkout, API] }
                  - { slug: internal, title: Internal, show_details: true, groups: [{ name: All, monitors: API }] }
                """;
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();

        assertThat(config.statusPages()).containsExactly(
                new StatusPageConfig("public", "Example status", List.of(new StatusPageConfig.Group("Shop", List.of("Checkout", "API"))),
                        false),
                new StatusPageConfig("internal", "Internal", List.of(new StatusPageConfig.Group("All", List.of("API"))), true));
    }

    @Test
    void keepsANameNoMonitorOfTheFileHasAsWrittenAndWarnsAboutIt() {
        String yaml = """
                monitors:
                  - { name: API, url: "https://api.example.com/" }
                  - { name: Checkout, url: "https://shop.example.com/" }
                status_pages:
                  - slug: public
                    title: Example status
                    groups:
                      - { name: Shop, monitors: [api, Billing API, Chekout] }
                """;
        FaultlineConfig config = ((LoadResult.Loaded) new ConfigLoader(Map.of()).parse(yaml, "test.yaml")).config();

        // Billing API may be created through the API later; Chekout is likely a typo, but it may be one too.
        assertThat(config.statusPages().getFirst().groups()).containsExactly(
                new StatusPageConfig.Group("Shop", List.of("API", "Billing API", "Chekout")));
        assertThat(StatusPageNames.unmatched(config, List.of("API", "Checkout"), "in this file")).containsExactly(
                "status_pages[0].groups[0].monitors[1]: no monitor named 'Billing API' in this file",
                "status_pages[0].groups[0].monitors[2]: no monitor named 'Chekout' in this file (did you mean 'Checkout'?)");
        assertThat(StatusPageNames.unmatched(config, List.of("API", "Checkout", "billing api", "Chekout"), "anywhere")).isEmpty();
    }
}
