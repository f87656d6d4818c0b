package io.rta.service.http;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.codahale.metrics.health.HealthCheck;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Renders Dropwizard metrics in the Prometheus text exposition format (version 0.0.4). */
final class PrometheusText {

    private PrometheusText() {
    }

    static String render(MetricRegistry registry, Map<String, HealthCheck.Result> health) {
        StringBuilder out = new StringBuilder(16 * 1024);
        out.append("# TYPE rta_health_check_healthy gauge\n");
        health.forEach((name, result) -> out.append("rta_health_check_healthy{check=\"").append(escape(name))
                .append("\"} ").append(result.isHealthy() ? 1 : 0).append('\n'));
        registry.getGauges().forEach((name, gauge) -> gauge(out, name, gauge));
        registry.getCounters().forEach((name, counter) -> counter(out, name, counter));
        registry.getMeters().forEach((name, meter) -> meter(out, name, meter));
        registry.getHistograms().forEach((name, histogram) -> summary(out, sanitize(name), histogram.getSnapshot(),
                histogram.getCount(), 1.0));
        registry.getTimers().forEach((name, timer) -> summary(out, sanitize(name) + "_seconds", timer.getSnapshot(),
                timer.getCount(), 1.0 / TimeUnit.SECONDS.toNanos(1)));
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, Gauge<?> gauge) {
        Object value = gauge.getValue();
        if (value instanceof Number number) {
            String metric = sanitize(name);
            out.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ')
                    .append(number(number.doubleValue())).append('\n');
        } else if (value instanceof Boolean bool) {
            String metric = sanitize(name);
            out.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ')
                    .append(bool ? 1 : 0).append('\n');
        }
    }

    private static void counter(StringBuilder out, String name, Counter counter) {
        String metric = sanitize(name);
        out.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ')
                .append(counter.getCount()).append('\n');
    }

    private static void meter(StringBuilder out, String name, Meter meter) {
        String metric = sanitize(name) + "_total";
        out.append("# TYPE ").append(metric).append(" counter\n").append(metric).append(' ')
                .append(meter.getCount()).append('\n');
    }

    private static void summary(StringBuilder out, String metric, Snapshot snapshot, long count, double scale) {
        out.append("# TYPE ").append(metric).append(" summary\n");
        quantile(out, metric, "0.5", snapshot.getMedian() * scale);
        quantile(out, metric, "0.99", snapshot.get99thPercentile() * scale);
        out.append(metric).append("_count ").append(count).append('\n');
    }

    private static void quantile(StringBuilder out, String metric, String q, double value) {
        out.append(metric).append("{quantile=\"").append(q).append("\"} ").append(number(value)).append('\n');
    }

    static String sanitize(String name) {
        String metric = name.replaceAll("[^a-zA-Z0-9_:]", "_");
        return Character.isDigit(metric.charAt(0)) ? "_" + metric : metric;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
