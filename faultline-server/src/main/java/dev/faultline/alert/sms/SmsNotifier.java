package dev.faultline.alert.sms;

import dev.faultline.alert.Channel;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.HttpDelivery;
import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;

/**
 * A text through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json},
 * form-encoded {@code To}, {@code From} and {@code Body}, basic auth with the account SID and the
 * auth token. Twilio answers 201 Created with the queued message. The body is the brief: title,
 * next step and link, short enough for two SMS segments.
 */
public final class SmsNotifier implements Channel {

    /** Two GSM-7 segments (153 characters each once concatenated). */
    static final int BODY_MAX = 306;

    private final String name;
    private final SmsSettings settings;
    private final HttpDelivery http;

    public SmsNotifier(String name, SmsSettings settings, HttpDelivery http) {
        this.name = name;
        this.settings = settings;
        this.http = http;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Delivery send(Notification n) {
        HttpUrl url = HttpUrl.get(settings.baseUrl().toString()).newBuilder()
                .addPathSegment("2010-04-01").addPathSegment("Accounts").addPathSegment(settings.accountSid())
                .addPathSegment("Messages.json").build();
        FormBody form = new FormBody.Builder()
                .add("To", settings.to())
                .add("From", settings.from())
                .add("Body", body(n))
                .build();
        return http.send(HttpDelivery.post(url, form)
                .header("Authorization", Credentials.basic(settings.accountSid(), settings.authToken())).build());
    }

    static String body(Notification n) {
        // "…" is not in the GSM-7 alphabet: one would make every segment UCS-2 (70 characters).
        return MessageText.of(n).brief(BODY_MAX - 2).replace("…", "...");
    }

    @Override
    public String toString() {
        return "sms channel '" + name + "' " + settings;
    }
}
