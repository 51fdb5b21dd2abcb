package io.dynasplit.app.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of a process (ARCHITECTURE 11): one server for all its nodes ({@code up} serves
 * its edge and its cloud worker on one).
 *
 * <ul>
 *   <li>{@code GET /metrics}: every meter in the Prometheus text format (0.0.4);
 *   <li>{@code GET /health/live}: 200 while the process runs;
 *   <li>{@code GET /health/ready}: 200 when every node is started and connected to the broker, else
 *       503 with the reasons;
 *   <li>{@code GET /api/nodes}: the nodes, their roles, ids and models, for the dashboard;
 *   <li>{@code GET /}: the live dashboard, static files shipped in the jar ({@code dashboard/}).
 * </ul>
 */
public final class HttpEndpointVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpointVerticle.class);

  /** The Prometheus text exposition format's content type. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpSettings settings;
  private final PrometheusMeterRegistry registry;
  private final List<NodeInfo> nodes;
  private final String version;
  private HttpServer server;

  /** An endpoint over {@code nodes}, their meters in {@code registry}. */
  public HttpEndpointVerticle(
      HttpSettings settings,
      PrometheusMeterRegistry registry,
      List<NodeInfo> nodes,
      String version) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.nodes = List.copyOf(nodes);
    this.version = Objects.requireNonNull(version, "version");
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(this::metrics);
    router
        .get("/health/live")
        .handler(ctx -> json(ctx, 200, new JsonObject().put("status", "live")));
    router.get("/health/ready").handler(this::ready);
    router.get("/api/nodes").handler(this::nodes);
    router.get("/*").handler(StaticHandler.create("dashboard").setCachingEnabled(false));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(settings.port(), settings.host())
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "cannot serve http on "
                            + settings.host()
                            + ":"
                            + settings.port()
                            + " ("
                            + e.getMessage()
                            + "): choose another --http-port, or 0 for none",
                        e)))
        .onSuccess(
            s -> {
              server = s;
              LOG.info(
                  "http endpoint ready [address: http://{}:{}/, metrics: /metrics, health:"
                      + " /health/ready]",
                  settings.host(),
                  s.actualPort());
            });
  }

  /** The port the server listens on (the given one, or the one picked for port 0 in tests). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  private void metrics(RoutingContext ctx) {
    vertx
        .executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response().putHeader("content-type", PROMETHEUS_TEXT).end(text))
        .onFailure(ctx::fail);
  }

  private void ready(RoutingContext ctx) {
    List<String> reasons = new ArrayList<>();
    for (NodeInfo n : nodes) {
      reasons.addAll(n.health().notReady());
    }
    if (reasons.isEmpty()) {
      json(ctx, 200, new JsonObject().put("status", "ready"));
    } else {
      json(
          ctx,
          503,
          new JsonObject().put("status", "not ready").put("reasons", new JsonArray(reasons)));
    }
  }

  private void nodes(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    for (NodeInfo n : nodes) {
      list.add(
          new JsonObject()
              .put("role", n.role())
              .put("id", n.id())
              .put("models", new JsonArray(n.models()))
              .put("ready", n.health().notReady().isEmpty()));
    }
    json(ctx, 200, new JsonObject().put("version", version).put("nodes", list));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }
}
