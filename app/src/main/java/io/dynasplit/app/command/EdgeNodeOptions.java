package io.dynasplit.app.command;

import io.dynasplit.app.profile.DataPlaneSetup;
import io.dynasplit.edge.EdgeSettings;
import io.dynasplit.edge.inference.CatalogModels;
import io.dynasplit.models.runtime.SplitParts;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.scheduler.Scheduler;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The edge node options ({@code --edge-id}, {@code --models}, {@code --policy}, {@code --grace-ms},
 * {@code --head-workers}), a picocli mixin shared by {@code edge} and {@code up}.
 *
 * {@snippet :
 * @Mixin EdgeNodeOptions node;
 * EdgeSettings settings = node.settings(host, port).withMaxInFlight(maxInFlight);
 * }
 */
public final class EdgeNodeOptions {

  @Option(
      names = "--edge-id",
      paramLabel = "ID",
      defaultValue = "edge-1",
      description = "the edge's id in topics (default: ${DEFAULT-VALUE})")
  String edgeId;

  @Option(
      names = "--models",
      paramLabel = "ID",
      split = ",",
      description = "catalog models to serve (default: every present one)")
  List<String> models;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "adaptive",
      description =
          "scheduling policy of requests that name none: ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE})")
  Policy policy;

  @Option(
      names = "--grace-ms",
      paramLabel = "MS",
      defaultValue = "2000",
      description =
          "time past a request's deadline before it is given up (default: ${DEFAULT-VALUE})")
  long graceMs;

  @Option(
      names = "--head-workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "concurrent edge inferences (default: ${DEFAULT-VALUE})")
  int headWorkers;

  /**
   * The edge's settings on the broker at {@code host:port}, with these options' id, grace and head
   * workers.
   */
  EdgeSettings settings(String host, int port) {
    return EdgeSettings.defaults(edgeId, host, port)
        .withGraceMs(graceMs)
        .withHeadWorkers(headWorkers);
  }

  /** The served models: those of {@code --models}, or every present catalog model. */
  CatalogModels served(SplitParts parts) {
    return DataPlaneSetup.models(parts, models);
  }

  /** The scheduler of requests that name no policy. */
  Scheduler scheduler() {
    return DataPlaneSetup.scheduler(policy);
  }
}
