package dev.faultline.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate(Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new ValidateCommand(environment));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsASummaryAndExitsZeroForAValidFile() throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), """
                channels: [{ name: pager, type: webhook, url: "http://127.0.0.1:9000/hook" }]
                monitors:
                  - { name: api, url: "https://${HOST}/health", channels: [pager] }
                  - { name: web, url: "https://www.example.com/" }
                """);

        assertThat(validate(Map.of("HOST", "api.example.com"), file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK (2 monitors, 1 channel)" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aStatusPageNameNoMonitorOfTheFileHasIsAWarningNotAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), """
                monitors:
                  - { name: Checkout, url: "https://shop.example.com/" }
                status_pages:
                  - { slug: public, title: Shop, groups: [{ name: Shop, monitors: [Checkout, Chekout] }] }
                """);

        assertThat(validate(Map.of(), file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK (1 monitor, 0 channels)" + System.lineSeparator());
        assertThat(err.toString().lines()).containsExactly(file + ": warning: status_pages[0].groups[0].monitors[1]: no monitor"
                + " named 'Chekout' in this file (did you mean 'Checkout'?); fine if it is created through the API or the dashboard");
    }

    @Test
    void aMaintenanceWindowNamingAMonitorTheFileDoesNotHaveIsAWarningNotAnError() throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), """
                monitors:
                  - { name: Checkout, url: "https://shop.example.com/" }
                maintenance:
                  - { name: upgrade, monitors: [Checkout, Chekout, Billing API], start: 2026-12-01T02:00:00Z, end: 2026-12-01T03:00:00Z }
                """);

        assertThat(validate(Map.of(), file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK (1 monitor, 0 channels)" + System.lineSeparator());
        assertThat(err.toString().lines()).containsExactly(
                file + ": warning: maintenance[0].monitors: window 'upgrade' names 'billing-api', which matches no monitor in this file;"
                        + " fine if it is created through the API or the dashboard",
                file + ": warning: maintenance[0].monitors: window 'upgrade' names 'chekout', which matches no"
                        + " monitor in this file (did you mean 'checkout'?); fine if it is created through the API or the dashboard");
    }

    @Test
    void printsEveryErrorOnItsOwnLineAndExitsTwo() throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), """
                monitors:
                  - name: api
                    url: https://api.example.com/health
                    interval: 500ms
                    expect: { status: "2000" }
                """);

        assertThat(validate(Map.of(), file.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).containsExactly(
                file + ":4:15: monitors[0].interval: 500ms is shorter than the minimum of 1s",
                file + ":5:23: monitors[0].expect.status: invalid status set '2000': '2000' is not a three-digit status code");
    }

    @Test
    void reportsAChannelsWrongSettingAtItsKey() throws Exception {
        Path file = Files.writeString(dir.resolve("faultline.yaml"), """
                channels:
                  - name: chat
                    type: slack
                    webhook_url: https://hooks.slack.com/services/T0/B0/X
                """);

        assertThat(validate(Map.of(), file.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(
                file + ":2:5: channels[0].url: required for type slack: the incoming webhook URL (https://hooks.slack.com/services/…)",
                file + ":4:18: channels[0].webhook_url: unknown setting for type slack; known: url");
    }

    @Test
    void reportsAMissingFileAndExitsTwo() {
        Path missing = dir.resolve("nope.yaml");

        assertThat(validate(Map.of(), missing.toString())).isEqualTo(2);
        assertThat(err.toString().lines()).containsExactly(missing + ": no such file");
    }

    @Test
    void exitsTwoWithUsageWhenNoFileIsGiven() {
        assertThat(validate(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'FILE'").contains("Usage: validate");
    }
}
