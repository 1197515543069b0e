package dev.faultline.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ChannelResult;
import dev.faultline.config.ConfigLoader;
import dev.faultline.secret.Masks;
import java.util.Map;
import java.util.TreeMap;

/**
 * A channel sent as a payload (the API's JSON body, or a dashboard form turned into one), read by
 * the config file's own reader, so that the file, the API and the form accept and refuse the same
 * channels with the same messages. A replacement that sends back the mask it was shown for a
 * credential keeps the stored credential.
 */
public final class ChannelPayloads {

    private final ConfigLoader loader;
    private final ObjectMapper mapper;

    public ChannelPayloads(ConfigLoader loader, ObjectMapper mapper) {
        this.loader = loader;
        this.mapper = mapper;
    }

    /** A new channel. @param source how errors name where the payload came from */
    public ChannelResult read(String payload, String source) {
        return loader.parseChannel(payload, source);
    }

    /** A replacement of {@code stored}: each credential that is the mask of the stored one is the stored one again. */
    public ChannelResult readReplacement(String payload, ChannelConfig stored, String source) {
        return loader.parseChannel(keepingMaskedSecrets(payload, stored), source);
    }

    /** The channel's settings as they are shown to anyone: every credential masked ({@code ****abcd}). */
    public static Map<String, String> shown(ChannelConfig config) {
        Map<String, String> shown = new TreeMap<>();
        config.settings().forEach((key, value) -> shown.put(key, config.type().secretKeys().contains(key) ? Masks.mask(value) : value));
        return shown;
    }

    private String keepingMaskedSecrets(String payload, ChannelConfig stored) {
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            return payload; // not JSON (YAML, or broken): the reader reports what is wrong with it
        }
        if (!(tree instanceof ObjectNode object)) return payload;
        boolean changed = false;
        for (String key : stored.type().secretKeys()) {
            JsonNode sent = object.get(key);
            String value = stored.settings().get(key);
            if (sent != null && sent.isTextual() && Masks.keeps(sent.asText(), value)) {
                object.put(key, value);
                changed = true;
            }
        }
        return changed ? object.toString() : payload;
    }
}
