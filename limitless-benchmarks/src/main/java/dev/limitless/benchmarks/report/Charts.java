package dev.limitless.benchmarks.report;

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
