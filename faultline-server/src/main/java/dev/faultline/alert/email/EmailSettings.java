package dev.faultline.alert.email;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMTP submission server and who gets the mail.
 *
 * @param port     587 (submission with STARTTLS) unless given
 * @param username when set, Faultline authenticates (and {@code password} is required)
 * @param to       one or more recipients ({@code to: "ops@example.com, oncall@example.com"})
 * @param starttls true (the default): upgrade with STARTTLS before anything else, and refuse to
 *                 send when the server cannot, so credentials and alerts never go in clear text
 */
public record EmailSettings(String host, int port, Optional<String> username, Optional<String> password,
                            InternetAddress from, List<InternetAddress> to, boolean starttls) {

    public static final int DEFAULT_PORT = 587;

    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (to.isEmpty()) throw new IllegalArgumentException("to: at least one recipient");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static EmailSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("email", settings);
        String host = read.required("host", "the SMTP server, e.g. smtp.example.com");
        int port = read.port("port", DEFAULT_PORT);
        Optional<String> username = read.optional("username");
        Optional<String> password = read.optional("password");
        if (username.isPresent() && password.isEmpty()) read.fail("password", "required when username is set, e.g. ${SMTP_PASSWORD}");
        if (username.isEmpty() && password.isPresent()) read.fail("username", "required when password is set");
        String fromText = read.required("from", "the sender's address, e.g. faultline@example.com");
        InternetAddress from = fromText == null ? null : address(read, "from", fromText);
        String toText = read.required("to", "the recipients, e.g. ops@example.com");
        List<InternetAddress> to = toText == null ? List.of() : addresses(read, toText);
        boolean starttls = read.bool("starttls", true);
        return read.build(() -> new EmailSettings(host, port, username, password, from, to, starttls));
    }

    private static InternetAddress address(SettingsReader read, String key, String text) {
        try {
            InternetAddress address = new InternetAddress(text, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            read.fail(key, "not an e-mail address: '" + text + "' (" + e.getMessage() + ")");
            return null;
        }
    }

    private static List<InternetAddress> addresses(SettingsReader read, String text) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(text, true);
            for (InternetAddress address : parsed) address.validate();
            if (parsed.length == 0) read.fail("to", "give at least one address");
            return List.of(parsed);
        } catch (AddressException e) {
            read.fail("to", "not a list of e-mail addresses: '" + text + "' (" + e.getMessage() + ")");
            return List.of();
        }
    }

    @Override
    public String toString() {
        return "EmailSettings[host=" + host + ", port=" + port + ", username=" + username.orElse("(unset)")
                + ", password=" + Secrets.mask(password.orElse(null)) + ", from=" + from + ", to=" + to
                + ", starttls=" + starttls + "]";
    }
}
