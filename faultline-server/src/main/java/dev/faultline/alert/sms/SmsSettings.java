package dev.faultline.alert.sms;

import dev.faultline.alert.Secrets;
import dev.faultline.alert.SettingsReader;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Twilio's Messages API, or any provider that speaks it.
 *
 * @param accountSid the account ({@code AC…}); the user name of the basic auth
 * @param authToken  the account's auth token (or an API key secret); the password
 * @param from       the sender: a number of the account in E.164 ({@code +15017122661}) or a sender id
 * @param to         the recipient in E.164; one number per channel, so a retry reaches only whom it missed
 * @param baseUrl    {@value #DEFAULT_BASE_URL}, or a compatible provider's
 */
public record SmsSettings(String accountSid, String authToken, String from, String to, URI baseUrl) {

    public static final String DEFAULT_BASE_URL = "https://api.twilio.com";

    public SmsSettings {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** @throws dev.faultline.alert.InvalidSettings naming each wrong key */
    public static SmsSettings from(Map<String, String> settings) {
        SettingsReader read = SettingsReader.of("sms", settings);
        String sid = read.required("account_sid", "the account SID (AC…)");
        String token = read.required("auth_token", "the account's auth token, e.g. ${TWILIO_AUTH_TOKEN}");
        String from = read.required("from", "the sending number in E.164, e.g. +15017122661");
        String to = read.required("to", "the number to text in E.164, e.g. +15558675310");
        if (to != null && !to.matches("\\+?[0-9 ()-]{6,20}|[a-z]+:.+")) {
            read.fail("to", "expected a phone number in E.164 such as +15558675310 (one per channel), got '" + to + "'");
        }
        URI base = read.url("base_url", URI.create(DEFAULT_BASE_URL));
        return read.build(() -> new SmsSettings(sid, token, from, to, base));
    }

    @Override
    public String toString() {
        return "SmsSettings[accountSid=" + accountSid + ", authToken=" + Secrets.mask(authToken) + ", from=" + from
                + ", to=" + to + ", baseUrl=" + baseUrl + "]";
    }
}
