package dev.faultline.config;

import dev.faultline.config.NodeReader.Located;
import dev.faultline.web.auth.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code server.api_tokens} and {@code server.metrics_public}, reporting each bad field. */
final class AccessReader {

    static final List<String> KEYS = List.of("api_tokens", "metrics_public");

    private final NodeReader reader;

    AccessReader(NodeReader reader) {
        this.reader = reader;
    }

    AccessSettings read(Section server) {
        List<ApiTokenConfig> tokens = server.value("api_tokens").map(n -> tokens(n, server.pathOf("api_tokens"))).orElse(List.of());
        boolean metricsPublic = server.value("metrics_public")
                .flatMap(n -> reader.bool(n, server.pathOf("metrics_public"))).orElse(AccessSettings.DEFAULT.metricsPublic());
        return new AccessSettings(tokens, metricsPublic);
    }

    private List<ApiTokenConfig> tokens(Node node, String path) {
        List<ApiTokenConfig> tokens = new ArrayList<>();
        Map<String, Located<String>> names = new HashMap<>();
        List<Node> items = reader.list(node, path).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = Section.item(path, i);
            Section s = reader.section(items.get(i), itemPath, List.of("name", "token", "role")).orElse(null);
            if (s == null) continue;
            Optional<Located<String>> name = reader.requiredText(s, "name").filter(n -> reader.unique(n, names, "API token name"));
            Optional<Located<String>> token = reader.requiredText(s, "token");
            Optional<Role> role = reader.requiredText(s, "role").flatMap(r -> reader.parse(r, Role::parse));
            if (name.isEmpty() || token.isEmpty() || role.isEmpty()) continue;
            new FieldByField(reader.errors(), s.node(), itemPath)
                    .field("name", name.get().node(), name.get().path(), () -> {})
                    .field("token", token.get().node(), token.get().path(), () -> {})
                    .build(() -> new ApiTokenConfig(name.get().value(), token.get().value(), role.get()))
                    .ifPresent(tokens::add);
        }
        return tokens;
    }
}
