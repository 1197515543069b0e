package dev.faultline.alert;

import java.time.Clock;
import java.time.ZoneOffset;
import okhttp3.OkHttpClient;

/** The HTTP client and clock every channel test shares. */
public final class TestHttp {

    public static final OkHttpClient CLIENT = Channels.httpClient();
    public static final Clock CLOCK = Clock.fixed(SampleNotifications.TIME, ZoneOffset.UTC);

    private TestHttp() {
    }

    public static HttpDelivery delivery() {
        return new HttpDelivery(CLIENT, CLOCK);
    }
}
