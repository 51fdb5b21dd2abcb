package io.dynasplit.app.command;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import io.dynasplit.app.profile.SyntheticImages;
import io.dynasplit.models.catalog.CatalogEntry;
import io.dynasplit.models.catalog.ModelCatalog;
import io.dynasplit.schemas.Codec;
import io.dynasplit.schemas.ErrorReply;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.InferenceReply;
import io.dynasplit.schemas.InferenceRequest;
import io.dynasplit.schemas.InputEncoding;
import io.dynasplit.schemas.Json;
import io.dynasplit.schemas.Quantiles;
import io.dynasplit.schemas.Reply;
import io.dynasplit.schemas.RequestHeader;
import io.dynasplit.schemas.RequestInput;
import io.dynasplit.schemas.Tensor;
import io.dynasplit.schemas.Topics;
import io.dynasplit.schemas.WireLimits;
import io.dynasplit.schemas.mqtt.MqttContent;
import io.dynasplit.schemas.mqtt.TraceParent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dynasplit request}: send inference requests to an edge and print the replies or a latency
 * summary.
 */
@Command(
    name = "request",
    mixinStandardHelpOptions = true,
    description = {
      "Send an inference request to an edge over MQTT 5 (response topic and correlation data) and"
          + " print its reply. With --count N, send N requests (at most --concurrency in flight, at"
          + " most --rate per second) and print a latency and throughput summary instead.",
      "The input is an image (--image, --random) or a float32 tensor of the model's input shape"
          + " (--tensor, --random-tensor), sent in the JSON envelope or, with --frame, as a binary"
          + " DSF1 tensor frame. It is read or made once and reused by every request."
    },
    footer = {
      "",
      "Examples:",
      "  dynasplit request --model ppocr-det --image page.png --sla 500",
      "  dynasplit request --model ppocr-cls --random --sla 100 --count 200 --concurrency 4",
      "  dynasplit request --model ppocr-cls --tensor crop.npy --frame --sla 100",
      "  dynasplit request --model ppocr-det --random-tensor --shape 1x3x480x640 --sla 2000"
    })
public final class RequestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  private static final int MIN_SIDE = 8;
  private static final int MAX_SIDE = 8192;

  @Mixin BrokerOptions broker;

  @Option(names = "--model", required = true, paramLabel = "ID", description = "the catalog model")
  String model;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(
        names = "--image",
        required = true,
        paramLabel = "FILE",
        description = "a PNG or JPEG image")
    Path image;

    @Option(
        names = "--random",
        required = true,
        description = "a seeded synthetic page of text-like bars (PNG)")
    boolean random;

    @Option(
        names = "--tensor",
        required = true,
        paramLabel = "FILE",
        description =
            "a float32 tensor: a .npy file ('<f4', C order; recognised by its magic), else raw"
                + " little-endian float32 in C order with exactly the model's input shape")
    Path tensor;

    @Option(
        names = "--random-tensor",
        required = true,
        description =
            "a seeded random float32 tensor of the model's input shape, values in [-1, 1)")
    boolean randomTensor;
  }

  @Option(
      names = "--frame",
      description =
          "send the tensor (--tensor, --random-tensor) as a binary DSF1 tensor frame, as sensors"
              + " do, instead of in the JSON envelope")
  boolean frame;

  @Option(
      names = "--shape",
      paramLabel = "DIMS",
      description =
          "the tensor's shape, such as 1x3x480x640, for a model whose input has dynamic"
              + " dimensions (raw --tensor files and --random-tensor; a .npy file must agree)")
  String shape;

  @Option(
      names = "--size",
      paramLabel = "WxH",
      defaultValue = "640x480",
      description = "size of the --random image (default: ${DEFAULT-VALUE})")
  String size;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "7",
      description = "seed of the --random image or --random-tensor (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--sla",
      required = true,
      paramLabel = "MS",
      description = "the latency SLA in milliseconds")
  long slaMs;

  @Option(
      names = "--edge",
      paramLabel = "ID",
      defaultValue = "edge-1",
      description = "the edge to ask (default: ${DEFAULT-VALUE})")
  String edgeId;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description = "the scheduling policy (default: the edge's)")
  String policy;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "how many requests (default: ${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--concurrency",
      paramLabel = "K",
      defaultValue = "1",
      description = "requests in flight at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "0",
      description = "at most R requests per second; 0 = no limit (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "0",
      description = "requests sent first and left out of the summary (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "30",
      description = "seconds to wait for the replies beyond the SLA (default: ${DEFAULT-VALUE})")
  long timeoutS;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || concurrency < 1 || warmup < 0 || rate < 0 || slaMs < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--count and --concurrency must be >= 1, --warmup and --rate >= 0, --sla >= 1");
    }
    Payloads payloads = payloads();
    Topics topics = Topics.DEFAULT;
    String session = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    String replyTopic = topics.edgeReply(edgeId, session);
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Reply> replies = new ConcurrentHashMap<>();
    Map<String, Double> latencyMs = new ConcurrentHashMap<>();
    int total = warmup + count;
    CountDownLatch done = new CountDownLatch(total);
    Semaphore window = new Semaphore(concurrency);
    Mqtt5ClientBuilder b =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("dynasplit-" + session)
            .serverHost(broker.host)
            .serverPort(broker.port);
    if (broker.username != null) {
      String pw = broker.password();
      b =
          b.simpleAuth()
              .username(broker.username)
              .password(pw == null ? new byte[0] : pw.getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    Mqtt5AsyncClient client = b.buildAsync();
    client.publishes(
        MqttGlobalPublishFilter.ALL,
        p -> {
          long now = System.nanoTime();
          String id =
              p.getCorrelationData()
                  .map(c -> StandardCharsets.UTF_8.decode(c).toString())
                  .orElse(null);
          Long start = id == null ? null : sentAt.remove(id);
          if (start == null) {
            return;
          }
          try {
            replies.put(id, Reply.fromJson(p.getPayloadAsBytes()));
          } catch (IllegalArgumentException e) {
            err().println("dynasplit request: unreadable reply to " + id + ": " + e.getMessage());
          }
          latencyMs.put(id, (now - start) / 1e6);
          window.release();
          done.countDown();
        });
    try {
      client.connectWith().cleanStart(true).send().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new CommandFailure(
          "cannot connect to the broker at "
              + broker.host
              + ":"
              + broker.port
              + ": "
              + (e.getCause() == null ? e : e.getCause()).getMessage());
    }
    client
        .subscribeWith()
        .topicFilter(replyTopic)
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .get(10, TimeUnit.SECONDS);
    String requestTopic = topics.edgeRequests(edgeId);
    List<String> measured = new ArrayList<>();
    long t0 = System.nanoTime();
    long firstMeasured = 0;
    for (int i = 0; i < total; i++) {
      if (rate > 0) {
        long due = t0 + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      if (!window.tryAcquire(slaMs + timeoutS * 1000, TimeUnit.MILLISECONDS)) {
        break;
      }
      String id = session + "-" + i;
      if (i == warmup) {
        firstMeasured = System.nanoTime();
      }
      if (i >= warmup) {
        measured.add(id);
      }
      ByteBuffer payload = payloads.payload(id);
      sentAt.put(id, System.nanoTime());
      // each request starts a trace the edge continues to the cloud and back
      MqttContent.traced(
              MqttContent.of(
                  client
                      .publishWith()
                      .topic(requestTopic)
                      .qos(MqttQos.AT_LEAST_ONCE)
                      .responseTopic(replyTopic)
                      .correlationData(id.getBytes(StandardCharsets.UTF_8))
                      .payload(payload),
                  payload),
              TraceParent.start())
          .send();
    }
    done.await(slaMs + timeoutS * 1000, TimeUnit.MILLISECONDS);
    double elapsedS = (System.nanoTime() - firstMeasured) / 1e9;
    client.disconnect().get(10, TimeUnit.SECONDS);
    if (count == 1 && warmup == 0) {
      Reply reply = replies.get(measured.get(0));
      if (reply == null) {
        throw new CommandFailure(
            "no reply from edge "
                + edgeId
                + " within "
                + (slaMs + timeoutS * 1000)
                + " ms (is `dynasplit up` or `dynasplit edge` running on "
                + broker.host
                + ":"
                + broker.port
                + "?)");
      }
      out().println(Json.toPrettyString(reply));
      return reply instanceof InferenceReply ? 0 : 1;
    }
    return summary(measured, replies, latencyMs, elapsedS);
  }

  private int summary(
      List<String> ids,
      Map<String, Reply> replies,
      Map<String, Double> latencyMs,
      double elapsedS) {
    int ok = 0;
    int met = 0;
    Map<String, Integer> errors = new TreeMap<>();
    List<Double> lat = new ArrayList<>();
    int missing = 0;
    for (String id : ids) {
      Reply r = replies.get(id);
      if (r == null) {
        missing++;
        continue;
      }
      if (r instanceof InferenceReply ir) {
        ok++;
        met += ir.slaMet() ? 1 : 0;
        lat.add(latencyMs.get(id));
      } else {
        errors.merge(((ErrorReply) r).code().name(), 1, Integer::sum);
      }
    }
    double[] sorted = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out()
        .printf(
            Locale.ROOT,
            "requests %d, ok %d (sla met %d), errors %s, no reply %d%n",
            ids.size(),
            ok,
            met,
            errors,
            missing);
    if (sorted.length > 0) {
      out()
          .printf(
              Locale.ROOT,
              "latency ms (client round trip): p50 %.1f, p90 %.1f, p99 %.1f, max %.1f, mean %.1f%n",
              Quantiles.ofSorted(sorted, 0.5),
              Quantiles.ofSorted(sorted, 0.9),
              Quantiles.ofSorted(sorted, 0.99),
              sorted[sorted.length - 1],
              Arrays.stream(sorted).average().orElse(0));
    }
    out()
        .printf(
            Locale.ROOT,
            "throughput %.1f replies/s over %.2f s (concurrency %d%s)%n",
            (ok + errors.values().stream().mapToInt(Integer::intValue).sum()) / elapsedS,
            elapsedS,
            concurrency,
            rate > 0 ? String.format(Locale.ROOT, ", rate %.1f/s", rate) : "");
    return missing == 0 ? 0 : 1;
  }

  /** Width and height of {@code WxH}, each 8..8192. */
  private int[] imageSize(String text) {
    String[] wh = text.toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (wh.length == 2) {
        int w = Integer.parseInt(wh[0].strip());
        int h = Integer.parseInt(wh[1].strip());
        if (w >= MIN_SIDE && h >= MIN_SIDE && w <= MAX_SIDE && h <= MAX_SIDE) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--size must be WxH with each side in "
            + MIN_SIDE
            + ".."
            + MAX_SIDE
            + ", for example 640x480: '"
            + text
            + "'");
  }

  /** The payload of each request; only the request id differs from one to the next. */
  @FunctionalInterface
  interface Payloads {
    ByteBuffer payload(String id);
  }

  /**
   * Reads or makes the input once and returns what turns a request id into a payload: a JSON
   * envelope, or with {@code --frame} a tensor frame whose header is a {@link RequestHeader}.
   * Builds one payload, so a bad option fails here, before the broker is reached.
   */
  private Payloads payloads() throws IOException {
    boolean tensorInput = input.tensor != null || input.randomTensor;
    if (frame && !tensorInput) {
      throw new IllegalArgumentException(
          "--frame sends a tensor: use it with --tensor or --random-tensor, not --image or"
              + " --random");
    }
    if (shape != null && !tensorInput) {
      throw new IllegalArgumentException(
          "--shape is the shape of --tensor or --random-tensor, not of an image");
    }
    Payloads payloads;
    if (tensorInput) {
      ModelCatalog catalog = new ModelsDirOption().catalog();
      CatalogEntry entry =
          catalog
              .find(model)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "--model: "
                              + model
                              + " is not in the catalog, so its input shape is unknown; the"
                              + " catalog has "
                              + String.join(", ", catalog.ids())));
      RequestTensor t =
          input.randomTensor
              ? RequestTensor.random(entry, shape, seed)
              : RequestTensor.read(entry, input.tensor, shape);
      if (frame) {
        List<Tensor> tensors = List.of(t.frameTensor());
        payloads =
            id ->
                FrameCodec.encode(
                    new RequestHeader(id, model, slaMs, null, policy, null),
                    tensors,
                    Codec.FP32,
                    ByteBuffer::allocate);
      } else {
        payloads = json(t.jsonInput());
      }
    } else {
      payloads = json(requestInput());
    }
    ByteBuffer first = payloads.payload("dynasplit-request-check");
    if (first.remaining() > WireLimits.MAX_JSON_BYTES) {
      throw new IllegalArgumentException(
          "a request of "
              + first.remaining()
              + " bytes is larger than the "
              + WireLimits.MAX_JSON_BYTES
              + " bytes an edge takes");
    }
    return payloads;
  }

  /**
   * JSON envelopes of one input: serialized once with a placeholder id, which each request's id
   * replaces (ids are {@code cli-xxxxxxxx-N}, nothing to escape; the placeholder holds a dash,
   * which base64 data never does, and {@code id} is the envelope's first field).
   */
  private Payloads json(RequestInput in) {
    String placeholder = "dynasplit-request-id";
    byte[] template =
        Json.toBytes(InferenceRequest.of(placeholder, model, slaMs, in).withPolicy(policy));
    byte[] quoted = ("\"" + placeholder + "\"").getBytes(StandardCharsets.UTF_8);
    int at = indexOf(template, quoted);
    if (at < 0) {
      throw new IllegalStateException("the request id is not in the serialized envelope");
    }
    int tail = at + quoted.length;
    return id -> {
      byte[] idBytes = ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[template.length - quoted.length + idBytes.length];
      System.arraycopy(template, 0, out, 0, at);
      System.arraycopy(idBytes, 0, out, at, idBytes.length);
      System.arraycopy(template, tail, out, at + idBytes.length, template.length - tail);
      return ByteBuffer.wrap(out);
    };
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private RequestInput requestInput() throws IOException {
    if (input.random) {
      int[] wh = imageSize(size);
      return RequestInput.image(
          InputEncoding.IMAGE_PNG, SyntheticImages.textPage(wh[0], wh[1], seed));
    }
    if (!Files.isRegularFile(input.image)) {
      throw new IllegalArgumentException("--image: no such file: " + input.image);
    }
    if (!Files.isReadable(input.image)) {
      throw new IllegalArgumentException("--image: cannot read " + input.image);
    }
    byte[] bytes = Files.readAllBytes(input.image);
    boolean png =
        bytes.length > 4
            && (bytes[0] & 0xff) == 0x89
            && bytes[1] == 'P'
            && bytes[2] == 'N'
            && bytes[3] == 'G';
    return RequestInput.image(png ? InputEncoding.IMAGE_PNG : InputEncoding.IMAGE_JPEG, bytes);
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
