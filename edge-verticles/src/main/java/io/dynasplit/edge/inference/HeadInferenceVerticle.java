package io.dynasplit.edge.inference;

import io.dynasplit.edge.EdgeMetrics;
import io.dynasplit.edge.EmulatedEdge;
import io.dynasplit.models.processing.InvalidInputException;
import io.dynasplit.models.runtime.InferenceException;
import io.dynasplit.models.runtime.ModelSession;
import io.dynasplit.models.runtime.Part;
import io.dynasplit.models.runtime.SessionCache;
import io.dynasplit.models.runtime.SessionKey;
import io.dynasplit.schemas.ErrorCode;
import io.dynasplit.schemas.Tensor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the edge's blocking work: pre-processing ({@link PrepareJob}), head, whole-model and
 * fallback tail sessions with the intermediate encoded into a tensor frame ({@link InferenceJob}),
 * post-processing ({@link FinishJob}) and loading sessions ahead of use ({@link WarmJob}). Sessions
 * come from a {@link SessionCache} shared by the instances, keyed by (model, split, part, provider,
 * threads) and warmed up on load.
 *
 * <p>A failed job fails its message with the {@link ErrorCode} ordinal as failure code (see {@link
 * #errorCode}) and a message that says what went wrong.
 *
 * @implNote blocks; deploy with {@code ThreadingModel.WORKER}, one instance per concurrent job.
 */
public final class HeadInferenceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HeadInferenceVerticle.class);

  private final String address;
  private final ServedModels models;
  private final SessionCache sessions;
  private final EdgeMetrics metrics;
  private final EmulatedEdge emulation;
  private MessageConsumer<Object> consumer;

  /**
   * A worker.
   *
   * @param address the event-bus address to serve ({@code EdgeAddresses.inference(edgeId)})
   * @param models the served models
   * @param sessions the session cache shared by all instances
   * @param metrics counts the jobs skipped because their request had been given up
   * @param emulation an emulated slower device ({@link EmulatedEdge#none()} in production)
   */
  public HeadInferenceVerticle(
      String address,
      ServedModels models,
      SessionCache sessions,
      EdgeMetrics metrics,
      EmulatedEdge emulation) {
    this.address = Objects.requireNonNull(address, "address");
    this.models = Objects.requireNonNull(models, "models");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.emulation = Objects.requireNonNull(emulation, "emulation");
  }

  @Override
  public Future<?> start() {
    consumer = vertx.eventBus().consumer(address, this::onJob);
    return consumer.completion();
  }

  /**
   * The failure code of a job skipped because its request's deadline plus grace had passed (its
   * reply has gone out); stands for {@link ErrorCode#INTERNAL}.
   */
  public static final int EXPIRED = -2;

  /** The error code a failed job's failure code stands for. */
  public static ErrorCode errorCode(int failureCode) {
    ErrorCode[] all = ErrorCode.values();
    return failureCode >= 0 && failureCode < all.length ? all[failureCode] : ErrorCode.INTERNAL;
  }

  private void onJob(Message<Object> message) {
    long started = System.nanoTime();
    if (message.body() instanceof EdgeJob job && job.expired(started)) {
      // its request was given up (and answered) while the job waited for a worker: skip the work
      metrics.expiredJob();
      LOG.debug(
          "edge job skipped, its request was given up [job: {}]", job.getClass().getSimpleName());
      message.fail(
          EXPIRED,
          "skipped: the request's deadline plus grace passed while its "
              + job.getClass().getSimpleName()
              + " waited for an edge worker");
      return;
    }
    try {
      switch (message.body()) {
        case PrepareJob job -> message.reply(prepare(job));
        case InferenceJob job -> message.reply(infer(job, started));
        case FinishJob job -> message.reply(finish(job, started));
        case WarmJob job -> message.reply(warm(job));
        default ->
            message.fail(
                ErrorCode.INTERNAL.ordinal(), "unknown job " + message.body().getClass().getName());
      }
    } catch (IllegalArgumentException e) {
      message.fail(ErrorCode.BAD_REQUEST.ordinal(), e.getMessage());
    } catch (InvalidInputException e) {
      // post-processing that needs what the request did not carry (an image model sent a tensor)
      LOG.warn("edge post-processing refused the input: {}", e.getMessage());
      message.fail(ErrorCode.BAD_REQUEST.ordinal(), e.getMessage());
    } catch (InferenceException e) {
      ErrorCode code = e.errorCode();
      LOG.warn("edge inference failed: {}", e.getMessage());
      message.fail(code.ordinal(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error(
          "edge job failed unexpectedly [job: {}]", message.body().getClass().getSimpleName(), e);
      message.fail(ErrorCode.INTERNAL.ordinal(), e.toString());
    }
  }

  private ServedModels.Prepared prepare(PrepareJob job) {
    return job.input() != null
        ? models.prepare(job.model(), job.input())
        : models.prepareTensors(job.model(), job.tensors());
  }

  private InferenceResult infer(InferenceJob job, long started) {
    long t0 = System.nanoTime();
    List<Tensor> outputs =
        switch (job.stage()) {
          case PASS -> job.inputs();
          case FULL ->
              session(SessionKey.full(job.model()).withProvider(job.provider(), job.threads()))
                  .run(job.inputs());
          case HEAD ->
              session(
                      new SessionKey(
                          job.model(), job.split(), Part.HEAD, job.provider(), job.threads()))
                  .run(job.inputs());
          case TAIL ->
              session(
                      new SessionKey(
                          job.model(), job.split(), Part.TAIL, job.provider(), job.threads()))
                  .run(job.inputs());
        };
    if (job.stage() != InferenceJob.Stage.PASS) {
      emulation.holdAfter(
          job.model() + "/" + job.split() + "/" + job.stage(), System.nanoTime() - t0);
    }
    long t1 = System.nanoTime();
    ByteBuffer frame =
        job.tailHeader() == null
            ? null
            : TailFrames.encodeCall(job.tailHeader(), outputs, job.codec());
    long t2 = System.nanoTime();
    return new InferenceResult(outputs, (t1 - t0) / 1e6, frame, (t2 - t1) / 1e6, started);
  }

  private FinishResult finish(FinishJob job, long started) {
    long t0 = System.nanoTime();
    var output = models.finish(job.model(), job.outputs(), job.context());
    return new FinishResult(output, (System.nanoTime() - t0) / 1e6, started);
  }

  private Integer warm(WarmJob job) {
    int loaded = 0;
    for (int split : job.splits()) {
      session(new SessionKey(job.model(), split, Part.HEAD, job.provider(), job.threads()));
      session(new SessionKey(job.model(), split, Part.TAIL, job.provider(), job.threads()));
      loaded += 2;
    }
    return loaded;
  }

  private ModelSession session(SessionKey key) {
    return sessions.get(key);
  }
}
