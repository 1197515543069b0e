package dev.faultline.alert.email;

import dev.faultline.alert.MessageText;
import dev.faultline.alert.Notification;

/** The HTML part of an alert e-mail. Every value is escaped: monitor names and answers are not trusted. */
final class EmailBody {

    private EmailBody() {
    }

    static String html(Notification n) {
        MessageText text = MessageText.of(n);
        StringBuilder html = new StringBuilder(1024)
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(text.title()))
                .append("</title></head>\n<body style=\"font-family: sans-serif; line-height: 1.4\">\n")
                .append("<h2 style=\"color: ").append(color(text)).append("\">").append(escape(text.title())).append("</h2>\n")
                .append("<table cellpadding=\"4\" style=\"border-collapse: collapse\">\n");
        for (MessageText.Fact fact : text.facts()) {
            html.append("<tr><th align=\"left\" valign=\"top\">").append(escape(fact.label()))
                    // A value of several lines (a digest's section) keeps its lines.
                    .append(fact.value().contains("\n") ? "</th><td style=\"white-space: pre-line\">" : "</th><td>")
                    .append(escape(fact.value())).append("</td></tr>\n");
        }
        return html.append("</table>\n")
                .append("<p><a href=\"").append(escape(n.link().toString())).append("\">Open in Faultline</a></p>\n")
                .append("<p style=\"color: #777; font-size: small\">Faultline, ").append(escape(n.time().toString()))
                .append("</p>\n</body></html>\n")
                .toString();
    }

    /** The five characters that mean something in HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String color(MessageText text) {
        return switch (text.tone()) {
            case PROBLEM -> "#c62828";
            case WARNING -> "#b26a00";
            case RESOLVED -> "#2e7d32";
            case NEUTRAL -> "#37474f";
        };
    }
}
