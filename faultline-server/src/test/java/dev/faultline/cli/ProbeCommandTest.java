package dev.faultline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code faultline probe} refuses bad arguments with exit 2 and one line naming the option. */
class ProbeCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--server ftp://x --region eu --token t | server: 'ftp://x' is not an http(s) URL",
            "--server http://127.0.0.1:9 --region 'e u' --token t | region: invalid region name 'e u'",
            "--server http://127.0.0.1:9 --region eu --token t --buffer-max 12 | buffer-max: keep at least 1MiB",
            "--server http://127.0.0.1:9 --region eu --token t --buffer-max lots | buffer-max:",
            "--server http://127.0.0.1:9 --region eu | Missing required option: '--token=TOKEN'"})
    void badArgumentsAreUsageErrorsNamingTheOption(String args, String message) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] argv = ("probe " + args).replace("'e u'", "e\u0000u").split(" ");
        for (int i = 0; i < argv.length; i++) argv[i] = argv[i].replace('\u0000', ' ');

        int exit = Main.run(argv, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains(message).doesNotContain("Exception");
    }
}
