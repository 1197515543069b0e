package dev.faultline.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The words of a daily digest, carried in a notification's summary so that the outbox stores it
 * like any alert and every channel renders it through {@link MessageText}: a headline, then
 * sections (incidents, blips, anomalies, worst uptime), each a title and its lines. As text: the
 * headline, a blank line, then each section as {@code Title:} followed by one {@code - line} per
 * line, sections separated by blank lines.
 */
public record DigestText(String headline, List<Section> sections) {

    /** One part of the digest, e.g. {@code Incidents} and one line per incident. */
    public record Section(String title, List<String> lines) {
        public Section {
            requireOneLine(title, "title");
            if (title.endsWith(":")) throw new IllegalArgumentException("title: without the closing colon");
            lines = List.copyOf(lines);
            lines.forEach(line -> requireOneLine(line, "line"));
        }
    }

    public DigestText {
        requireOneLine(headline, "headline");
        sections = List.copyOf(sections);
    }

    /** The text a notification's summary carries. */
    public String format() {
        StringBuilder text = new StringBuilder(headline);
        for (Section section : sections) {
            text.append("\n\n").append(section.title()).append(':');
            section.lines().forEach(line -> text.append("\n- ").append(line));
        }
        return text.toString();
    }

    /** Reads what {@link #format()} wrote. */
    public static DigestText parse(String text) {
        String[] blocks = text.split("\n\n");
        List<Section> sections = new ArrayList<>();
        for (int i = 1; i < blocks.length; i++) {
            String[] lines = blocks[i].split("\n");
            String title = lines[0].endsWith(":") ? lines[0].substring(0, lines[0].length() - 1) : lines[0];
            List<String> items = new ArrayList<>();
            for (int j = 1; j < lines.length; j++) items.add(lines[j].startsWith("- ") ? lines[j].substring(2) : lines[j]);
            sections.add(new Section(title, items));
        }
        return new DigestText(blocks[0], sections);
    }

    private static void requireOneLine(String text, String name) {
        Objects.requireNonNull(text, name);
        if (text.isBlank() || text.contains("\n")) throw new IllegalArgumentException(name + ": one line of text, got '" + text + "'");
    }
}
