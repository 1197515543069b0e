package dev.faultline.web.pages;

import java.util.List;

/**
 * A server-rendered bar chart: stacked bars in a {@value #WIDTH} × {@value #HEIGHT} view box,
 * an optional line over them, and labels for the axes. The template draws it as SVG.
 */
public record Chart(String label, List<Bar> bars, String line, String top, String bottom, String start, String end,
                    List<Legend> legend) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 160;

    /** One rectangle; {@code kind} is its CSS class, {@code title} its tooltip. */
    public record Bar(double x, double y, double width, double height, String kind, String title) {
    }

    public record Legend(String kind, String text) {
    }

    public boolean empty() {
        return bars.isEmpty() && line.isEmpty();
    }
}
