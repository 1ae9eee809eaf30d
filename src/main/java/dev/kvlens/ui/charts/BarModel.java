package dev.kvlens.ui.charts;

import java.util.List;

/**
 * What a grouped bar chart shows: categories (the variants) and series of one value per category.
 *
 * @param categories x categories, e.g. "MHA", "GQA-8", "MQA"
 * @param yLabel     y-axis title with its unit
 * @param series     bar series; a value may be NaN (not measured: no bar)
 */
public record BarModel(List<String> categories, String yLabel, List<Bars> series) {

    public BarModel {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    /** One bar series: values and tooltips per category. */
    public record Bars(String id, String name, String style, List<Double> values, List<String> tips) {
        public Bars {
            values = List.copyOf(values);
            tips = List.copyOf(tips);
        }
    }

    public Bars series(String id) {
        return series.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }
}
