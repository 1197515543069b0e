package dev.faultline.cli;

import dev.faultline.alert.Channel;
import dev.faultline.alert.Channels;
import dev.faultline.alert.Delivery;
import dev.faultline.alert.Notification;
import dev.faultline.config.ChannelConfig;
import dev.faultline.config.ConfigLoader;
import dev.faultline.config.FaultlineConfig;
import dev.faultline.config.LoadResult;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code faultline notify-test NAME}: one test message through one channel, and the provider's
 * answer. The channel is the config file's, or else one created through the API, read from the
 * database the config names with the server's key ({@link ApiChannels}).
 */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
        description = {"Sends a test message through a channel (of the config file, or created through the API) and prints"
                + " what the provider answered.",
                "Straight to the provider: no outbox, no retry."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the provider took the message", "1:the provider refused it, failed, or could not be reached",
                "2:the config file has errors, there is no channel of that name, the API's channels cannot be read,"
                        + " or the command was misused"})
final class NotifyTestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The channel's name: in the config file, or as created through the API.")
    String name;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "The configuration (default: faultline.yaml).")
    Path config = Path.of("faultline.yaml");

    private final Map<String, String> environment;
    private final Clock clock;

    NotifyTestCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    NotifyTestCommand(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FaultlineConfig loaded;
        switch (new ConfigLoader(environment).load(config)) {
            case LoadResult.Loaded l -> loaded = l.config();
            case LoadResult.Rejected rejected -> {
                rejected.errors().forEach(err::println);
                err.println("faultline: " + config + " has " + rejected.errors().size() + " error(s); nothing was sent");
                return Main.USAGE;
            }
        }
        // The file's channel first, as the server does when a name is in both.
        Optional<ChannelConfig> channelConfig = loaded.channels().stream().filter(c -> c.name().equals(name)).findFirst();
        if (channelConfig.isEmpty()) {
            ApiChannels.Lookup api;
            try {
                api = ApiChannels.find(loaded.server(), environment, name);
            } catch (ApiChannels.Unreadable e) {
                err.println("faultline: " + e.getMessage() + "; nothing was sent");
                return Main.USAGE;
            }
            channelConfig = api.channel();
            if (channelConfig.isEmpty()) {
                String names = loaded.channels().stream().map(ChannelConfig::name).collect(Collectors.joining(", "));
                err.println("faultline: no channel named '" + name + "'; in " + config + ": "
                        + (names.isEmpty() ? "none" : names) + "; created through the API: "
                        + (api.names().isEmpty() ? "none" : String.join(", ", api.names())));
                return Main.USAGE;
            }
        }
        Channel channel = Channels.create(channelConfig.get(), Channels.httpClient(), clock);
        URI link = URI.create("http://" + loaded.server().host() + ":" + loaded.server().port() + "/");
        Delivery delivery = channel.send(Notification.test(name, link, clock.instant()));
        String type = channelConfig.get().type().id();
        out.println(name + " (" + type + "): " + switch (delivery) {
            case Delivery.Delivered d -> "delivered: " + d.answer();
            case Delivery.RetryableFailure r -> "not delivered (the provider failed or was unreachable; the outbox would retry): "
                    + r.answer();
            case Delivery.PermanentFailure p -> "refused (check the channel's settings): " + p.answer();
        });
        return delivery.delivered() ? 0 : 1;
    }
}
