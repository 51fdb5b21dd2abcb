package io.dynasplit.app.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a serving process ({@code edge}, {@code cloud}, {@code up}) observes itself with: one
 * Prometheus registry for its nodes' meters, Vert.x's own meters and the JVM's, and the HTTP
 * endpoint that serves them.
 */
public final class Observability {

  private Observability() {}

  /**
   * A fresh registry for one process. Three of Micrometer's JVM meters break Prometheus naming
   * conventions ({@code promtool check metrics} flags them): the compilation time and process CPU
   * time in abbreviated units are left out (the CPU usage gauges remain), and {@code
   * system.cpu.count} is served as {@code system_cpu_cores}.
   */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .meterFilter(MeterFilter.denyNameStartsWith("jvm.compilation.time"))
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(
            new MeterFilter() {
              @Override
              public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count")
                    ? id.withName("system.cpu.cores")
                    : id;
              }
            });
    // bound here rather than by Vert.x (which binds them once per JVM, not per registry)
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * A Vert.x instance whose metrics (event bus, HTTP, pools) and the JVM's go to {@code registry}.
   */
  public static Vertx vertx(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /**
   * Deploys the HTTP endpoint when {@code settings} enables one, and waits for it to listen.
   *
   * @return the endpoint, or null when turned off
   * @throws IllegalStateException when the port cannot be bound
   */
  public static HttpEndpointVerticle serve(
      Vertx vertx,
      HttpSettings settings,
      PrometheusMeterRegistry registry,
      List<NodeInfo> nodes,
      String version)
      throws Exception {
    if (!settings.enabled()) {
      return null;
    }
    HttpEndpointVerticle endpoint = new HttpEndpointVerticle(settings, registry, nodes, version);
    vertx.deployVerticle(endpoint).await(30, TimeUnit.SECONDS);
    return endpoint;
  }
}
