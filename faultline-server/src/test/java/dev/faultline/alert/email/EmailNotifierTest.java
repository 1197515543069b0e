package dev.faultline.alert.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.InvalidSettings;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import dev.faultline.alert.SampleNotifications;
import dev.faultline.alert.TestHttp;
import dev.faultline.testing.ClosedPort;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Against GreenMail, an SMTP server in the test's JVM that checks AUTH (it has no STARTTLS). */
class EmailNotifierTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@faultline.example", "faultline", "s3cret"))
            .withPerMethodLifecycle(false);

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    private static Map<String, String> settings(String... overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "host", "127.0.0.1",
                "port", Integer.toString(SMTP.getSmtp().getPort()),
                "username", "faultline",
                "password", "s3cret",
                "from", "Faultline <alerts@faultline.example>",
                "to", "ops@example.com, oncall@example.com",
                "starttls", "false"));
        for (int i = 0; i < overrides.length; i += 2) settings.put(overrides[i], overrides[i + 1]);
        return settings;
    }

    private static EmailNotifier channel(Map<String, String> settings) {
        return new EmailNotifier("ops-mail", EmailSettings.from(settings), TestHttp.CLOCK);
    }

    @Test
    void sendsPlainTextAndHtmlAsAlternativesToEveryRecipient() throws Exception {
        Notification n = SampleNotifications.opened();

        Delivery delivery = channel(settings()).send(n);

        assertThat(delivery).isInstanceOf(Delivery.Delivered.class);
        assertThat(delivery.status()).isEqualTo(250);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo(MessageText.of(n).title());
        assertThat(mail.getFrom()).containsExactly(new InternetAddress("Faultline <alerts@faultline.example>"));
        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("ops@example.com", "oncall@example.com");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(mail.getHeader("X-Faultline-Event")).containsExactly("incident.opened");
        assertThat(mail.getHeader("X-Faultline-Dedup-Key")).containsExactly(n.dedupKey());
        assertThat(mail.getSentDate().toInstant()).isEqualTo(SampleNotifications.TIME);
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualToNormalizingNewlines(MessageText.of(n).plainText());
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("<h2 style=\"color: #c62828\">checkout-api is down: the server is at fault (service unavailable, HTTP 503)</h2>")
                .contains("<tr><th align=\"left\" valign=\"top\">Next step</th><td>Check load and maintenance.")
                .contains("<a href=\"https://faultline.example/monitors/checkout-api\">Open in Faultline</a>");
    }

    @Test
    void escapesEveryValueInTheHtml() throws Exception {
        channel(settings("to", "ops@example.com")).send(SampleNotifications.openedFor("<script>alert(1)</script>"));

        Multipart parts = (Multipart) SMTP.getReceivedMessages()[0].getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; is down").doesNotContain("<script>");
        assertThat((String) parts.getBodyPart(0).getContent()).startsWith("<script>alert(1)</script> is down");
        assertThat(EmailBody.escape("\"'&<>")).isEqualTo("&quot;&#39;&amp;&lt;&gt;");
    }

    static Stream<Notification> kinds() {
        return SampleNotifications.everyKind().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyEventIsOneMailWithItsTitleAsSubject(Notification n) throws Exception {
        assertThat(channel(settings("to", "ops@example.com")).send(n).delivered()).isTrue();

        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo(MessageText.of(n).title());
        assertThat(mail.getHeader("X-Faultline-Event")).containsExactly(n.event().id());
        BodyPart html = ((Multipart) mail.getContent()).getBodyPart(1);
        assertThat((String) html.getContent()).contains(n.link().toString());
    }

    @Test
    void aWrongPasswordIsAPermanentFailureAndSendsNothing() {
        Delivery delivery = channel(settings("password", "wrong")).send(SampleNotifications.opened());

        assertThat(delivery).isInstanceOf(Delivery.PermanentFailure.class);
        assertThat(delivery.answer()).startsWith("authentication failed").doesNotContain("wrong");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void withoutAUsernameItSendsWithoutAuth() {
        Map<String, String> anonymous = settings("to", "ops@example.com");
        anonymous.remove("username");
        anonymous.remove("password");

        assertThat(channel(anonymous).send(SampleNotifications.warning()).delivered()).isTrue();
        assertThat(EmailNotifier.properties(EmailSettings.from(anonymous))).containsEntry("mail.smtp.auth", "false");
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void withStartTlsRequiredAServerWithoutItGetsNothing() {
        Delivery delivery = channel(settings("starttls", "true")).send(SampleNotifications.opened());

        assertThat(delivery).isInstanceOf(Delivery.PermanentFailure.class);
        assertThat(delivery.answer()).contains("STARTTLS");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsRetryable() {
        Delivery delivery = channel(settings("port", Integer.toString(ClosedPort.pick().port()))).send(SampleNotifications.opened());

        assertThat(delivery).isInstanceOf(Delivery.RetryableFailure.class);
        assertThat(delivery.status()).isZero();
        assertThat(delivery.answer()).startsWith("no answer: ");
    }

    @Test
    void connectAndReadWaitsAreBounded() {
        var properties = EmailNotifier.properties(EmailSettings.from(settings("starttls", "true")));

        assertThat(properties).containsEntry("mail.smtp.connectiontimeout", "10000").containsEntry("mail.smtp.timeout", "10000")
                .containsEntry("mail.smtp.writetimeout", "10000").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true");
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(settings("host", ""), "host: required for type email"),
                Arguments.of(settings("port", "99999"), "port: expected a port number from 1 to 65535, got '99999'"),
                Arguments.of(settings("to", "ops@"), "to: not a list of e-mail addresses: 'ops@'"),
                Arguments.of(settings("from", "faultline"), "from: not an e-mail address: 'faultline'"),
                Arguments.of(settings("password", ""), "password: required when username is set"),
                Arguments.of(settings("starttls", "maybe"), "starttls: expected true or false, got 'maybe'"),
                Arguments.of(settings("tls", "true"), "tls: unknown setting for type email; known: host, port, username, password, from, to, starttls"));
    }

    @ParameterizedTest
    @MethodSource("invalidSettings")
    void wrongSettingsNameTheKey(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> EmailSettings.from(settings)).isInstanceOf(InvalidSettings.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void settingsDefaultToSubmissionWithStartTlsAndHideThePassword() {
        Map<String, String> minimal = Map.of("host", "smtp.example.com", "from", "f@example.com", "to", "t@example.com");
        EmailSettings settings = EmailSettings.from(minimal);

        assertThat(settings.port()).isEqualTo(587);
        assertThat(settings.starttls()).isTrue();
        assertThat(settings.username()).isEmpty();
        assertThat(EmailSettings.from(settings()).toString()).contains("password=****").doesNotContain("s3cret");
    }
}
