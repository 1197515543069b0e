package dev.faultline.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.faultline.alert.Channels;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.channels.ChannelPayloads;
import dev.faultline.check.Severity;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelResult;
import dev.faultline.config.ChannelType;
import dev.faultline.config.ConfigLoader;
import dev.faultline.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The channel form asks for every setting its type's reader knows, becomes the API's payload, puts
 * each of the reader's errors beside its field, and never sends a typed credential back.
 */
class ChannelFormTest {

    static final ChannelPayloads PAYLOADS = new ChannelPayloads(new ConfigLoader(Map.of()), Json.mapper());
    static final ChannelConfig STORED = new ChannelConfig("ops", ChannelType.WEBHOOK, Set.of(Severity.CRITICAL),
            Map.of("url", "https://hooks.example.com/in?token=abcdefgh1234", "secret", "shared-secret-5678"));

    /** The keys a type's settings reader knows, as it names them when it refuses an unknown one. */
    static List<String> knownKeys(ChannelType type) {
        ChannelConfig probe = new ChannelConfig("probe", type, ChannelConfig.DEFAULT_SEVERITIES, Map.of("zz_not_a_setting", "x"));
        InvalidSettings invalid = (InvalidSettings) catchThrowable(() -> Channels.check(probe));
        String message = invalid.errors().stream().filter(e -> e.key().equals("zz_not_a_setting")).findFirst().orElseThrow().message();
        return Arrays.asList(message.substring(message.indexOf("known: ") + "known: ".length()).split(", "));
    }

    @ParameterizedTest
    @EnumSource(ChannelType.class)
    void theFormAsksForEverySettingTheTypesReaderKnowsInItsOrder(ChannelType type) {
        assertThat(ChannelFields.of(type)).extracting(ChannelFields.Field::key).containsExactlyElementsOf(knownKeys(type));
        assertThat(ChannelFields.of(type)).filteredOn(ChannelFields.Field::secret).extracting(ChannelFields.Field::key)
                .containsExactlyInAnyOrderElementsOf(type.secretKeys());
    }

    @Test
    void aFilledFormIsTheApisPayloadAndEmptyFieldsAreLeftOut() {
        ChannelForm form = new ChannelForm("ops", ChannelType.WEBHOOK, List.of("critical", "info"),
                Map.of("url", " https://hooks.example.com/in ", "secret", ""), Set.of(), Map.of());

        ChannelResult result = PAYLOADS.read(form.payload(Json.mapper()), "form");

        assertThat(result).isInstanceOfSatisfying(ChannelResult.Loaded.class, loaded -> {
            assertThat(loaded.channel().settings()).containsExactly(Map.entry("url", "https://hooks.example.com/in"));
            assertThat(loaded.channel().severities()).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.INFO);
        });
    }

    @Test
    void eachErrorOfTheReaderLandsBesideItsField() {
        ChannelForm form = new ChannelForm("", ChannelType.WEBHOOK, List.of("loud"), Map.of("url", "nope", "secret", ""), Set.of(),
                Map.of());

        ChannelResult.Rejected rejected = (ChannelResult.Rejected) PAYLOADS.read(form.payload(Json.mapper()), "form");
        ChannelForm shown = form.rejected(rejected.errors(), Optional.empty());

        assertThat(shown.errors()).containsOnlyKeys("name", "severities", "url");
        assertThat(shown.error("severities")).contains("unknown severity 'loud'");
    }

    @Test
    void aTypedCredentialIsNeverSentBackButAMaskOfTheStoredOneIs() {
        ChannelForm edited = new ChannelForm("ops", ChannelType.WEBHOOK, List.of("loud"),
                Map.of("url", "https://hooks.example.com/new?token=typed-in-9999", "secret", "****5678"), Set.of(), Map.of());

        ChannelForm shown = edited.rejected(Map.of("severities", "wrong"), Optional.of(STORED));

        assertThat(shown.value("url")).isEqualTo("****1234"); // the stored one's mask: sent back, it keeps the stored URL
        assertThat(shown.mustRetype("url")).isTrue();
        assertThat(shown.value("secret")).isEqualTo("****5678");
        assertThat(shown.mustRetype("secret")).isFalse();

        ChannelForm added = new ChannelForm("new", ChannelType.WEBHOOK, List.of(), Map.of("url", "nope", "secret", "typed"), Set.of(),
                Map.of()).rejected(Map.of("url", "wrong"), Optional.empty());
        assertThat(added.values()).containsEntry("url", "").containsEntry("secret", "");
        assertThat(added.retype()).containsExactlyInAnyOrder("url", "secret");
    }

    @Test
    void masksSentBackKeepTheStoredCredentialsAsTheApisPutDoes() {
        ChannelForm unchanged = ChannelForm.of(STORED);
        assertThat(unchanged.values()).containsEntry("url", "****1234").containsEntry("secret", "****5678");

        ChannelResult result = PAYLOADS.readReplacement(unchanged.payload(Json.mapper()), STORED, "form");

        assertThat(result).isInstanceOfSatisfying(ChannelResult.Loaded.class, loaded -> assertThat(loaded.channel()).isEqualTo(STORED));
        // A mask that is not the stored one's is taken as typed, and refused as a URL.
        String other = unchanged.payload(Json.mapper()).replace("****1234", "****9999");
        assertThat(PAYLOADS.readReplacement(other, STORED, "form")).isInstanceOf(ChannelResult.Rejected.class);
    }
}
