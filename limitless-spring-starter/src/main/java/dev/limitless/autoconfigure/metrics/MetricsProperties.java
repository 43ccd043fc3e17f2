package dev.limitless.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * limitless' Micrometer meters and observations ({@code limitless.metrics.*}); active when the application has a
 * MeterRegistry. See docs/metrics.md.
 */
@ConfigurationProperties("limitless.metrics")
public class MetricsProperties {

    /** Record limitless.* meters when a MeterRegistry is present. */
    private boolean enabled = true;

    /** Publish a percentile histogram for limitless.statement (for p95/p99 in Prometheus/Grafana). */
    private boolean percentileHistogram = true;

    /** One observation (span) per statement when an ObservationRegistry is present. */
    private boolean observations = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isPercentileHistogram() {
        return percentileHistogram;
    }

    public void setPercentileHistogram(boolean percentileHistogram) {
        this.percentileHistogram = percentileHistogram;
    }

    public boolean isObservations() {
        return observations;
    }

    public void setObservations(boolean observations) {
        this.observations = observations;
    }
}
