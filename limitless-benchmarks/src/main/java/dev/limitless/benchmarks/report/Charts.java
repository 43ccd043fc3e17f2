package dev.limitless.benchmarks.report;

import dev.limitless.benchmarks.paired.PairedRatio;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Hand-written SVG bar charts: one horizontal bar per benchmark, its length the time per operation. */
final class Charts {

    private static final int WIDTH = 760;
    private static final int LABEL_WIDTH = 330;
    private static final int BAR_AREA = 300;
    private static final int ROW = 26;
    private static final int TOP = 40;

    private Charts() {
    }

    /**
     * @param figures the bars
     * @param all     every figure of the run, where baselines are looked up
     */
    static String bars(String title, List<Figure> figures, List<Figure> all) {
        double longest = figures.stream().mapToDouble(Figure::nanosPerOperation).max().orElse(1);
        int height = TOP + ROW * figures.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s"
                + " (time per operation, shorter is faster)</text>\n", escape(title)));
        for (int i = 0; i < figures.size(); i++) {
            Figure figure = figures.get(i);
            int y = TOP + i * ROW;
            double nanos = figure.nanosPerOperation();
            int length = Math.max(1, (int) Math.round(BAR_AREA * nanos / longest));
            boolean baseline = Baselines.isBaseline(figure, all) || figure.method().startsWith("baseline");
            Optional<Figure> compared = Baselines.baselineOf(figure, all);
            String ratio = compared.map(b -> String.format(Locale.ROOT, " = %.2fx baseline",
                    PerformanceReport.ratio(figure, b))).orElse(baseline ? " (baseline)" : "");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    LABEL_WIDTH - 8, y + 15, escape(figure.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>\n",
                    LABEL_WIDTH, y + 2, length, baseline ? "#9e9e9e" : "#3f7fbf"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s%s</text>\n", LABEL_WIDTH + length + 6,
                    y + 15, escape(duration(nanos)), escape(ratio)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555555\">grey: baseline measured in the"
                + " same run; blue: compared to it</text>\n", height - 10));
        return svg.append("</svg>\n").toString();
    }

    /**
     * One row per paired measurement: the median ratio as a dot, its bootstrap 95% interval as a line and the budget
     * as a red tick, on a common ratio axis.
     */
    static String intervals(List<PairedRatio> pairs) {
        double low = 1.0;
        double high = 1.05;
        for (PairedRatio pair : pairs) {
            PairedRatio.Interval ratio = pair.ratio();
            low = Math.min(low, ratio.low());
            high = Math.max(high, pair.budgeted() ? Math.max(ratio.high(), pair.budget()) : ratio.high());
        }
        double span = high - low;
        low -= span * 0.05;
        high += span * 0.05;
        int height = TOP + ROW * pairs.size() + 50;
        int width = WIDTH + 160;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
        svg.append("<text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">Paired ratios: median and"
                + " bootstrap 95% interval; red tick: budget</text>\n");
        int axisY = TOP + ROW * pairs.size() + 6;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555555\"/>\n",
                LABEL_WIDTH, axisY, LABEL_WIDTH + BAR_AREA, axisY));
        for (int tick = 0; tick <= 4; tick++) {
            double value = low + (high - low) * tick / 4;
            int x = LABEL_WIDTH + (int) Math.round(BAR_AREA * tick / 4.0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555555\">"
                    + "%.3f</text>\n", x, axisY + 16, value));
        }
        for (int i = 0; i < pairs.size(); i++) {
            PairedRatio pair = pairs.get(i);
            PairedRatio.Interval ratio = pair.ratio();
            int y = TOP + i * ROW + 11;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                    LABEL_WIDTH - 8, y + 4, escape(pair.name())));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#3f7fbf\""
                    + " stroke-width=\"3\"/>\n", x(ratio.low(), low, high), y, x(ratio.high(), low, high), y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"#1f3f7f\"/>\n",
                    x(ratio.median(), low, high), y));
            if (pair.budgeted()) {
                int budget = x(pair.budget(), low, high);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#c62828\""
                        + " stroke-width=\"2\"/>\n", budget, y - 8, budget, y + 8));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.3fx [%.3f, %.3f] %s</text>\n",
                    LABEL_WIDTH + BAR_AREA + 8, y + 4, ratio.median(), ratio.low(), ratio.high(), pair.verdict()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static int x(double value, double low, double high) {
        return LABEL_WIDTH + (int) Math.round(BAR_AREA * (value - low) / (high - low));
    }

    static String duration(double nanos) {
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (nanos >= 1e3) {
            return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
