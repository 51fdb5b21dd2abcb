package io.dynasplit.schemas.mqtt;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilderBase;
import io.dynasplit.schemas.FrameCodec;
import io.dynasplit.schemas.Json;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The MQTT 5 properties that say what a payload is, set the same way on every publish the project
 * makes: content type {@link Json#MEDIA_TYPE} with payload format indicator UTF-8 on JSON
 * (requests, replies, status, telemetry, fronts), content type {@link FrameCodec#MEDIA_TYPE} on
 * DSF1 tensor frames (binary, so no format indicator); and the {@link TraceParent} user property.
 *
 * {@snippet :
 * MqttContent.json(client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(bytes))
 *     .send();
 * }
 *
 * <p>Works on any HiveMQ publish builder: {@code publishWith()}, {@code Mqtt5Publish.builder()} and
 * the last will's.
 */
public final class MqttContent {

  private MqttContent() {}

  /** Marks a JSON payload: content type {@code application/json}, format indicator UTF-8. */
  public static <C extends Mqtt5PublishBuilderBase.Complete<C>> C json(C builder) {
    return builder
        .contentType(Json.MEDIA_TYPE)
        .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8);
  }

  /** Marks a DSF1 tensor frame: content type {@link FrameCodec#MEDIA_TYPE}. */
  public static <C extends Mqtt5PublishBuilderBase.Complete<C>> C frame(C builder) {
    return builder.contentType(FrameCodec.MEDIA_TYPE);
  }

  /** Marks a payload that is either a DSF1 frame (by its magic) or JSON. */
  public static <C extends Mqtt5PublishBuilderBase.Complete<C>> C of(
      C builder, ByteBuffer payload) {
    return FrameCodec.isFrame(payload) ? frame(builder) : json(builder);
  }

  /** Adds the {@code traceparent} user property. */
  public static <C extends Mqtt5PublishBuilderBase.Complete<C>> C traced(
      C builder, TraceParent trace) {
    return builder.userProperties(
        Mqtt5UserProperties.builder().add(TraceParent.USER_PROPERTY, trace.toString()).build());
  }

  /** The {@code traceparent} user property's value, or null when there is none. */
  public static String traceParentValue(Mqtt5UserProperties properties) {
    return properties.asList().stream()
        .filter(p -> p.getName().toString().equals(TraceParent.USER_PROPERTY))
        .map(p -> p.getValue().toString())
        .findFirst()
        .orElse(null);
  }

  /**
   * The valid {@code traceparent} of a publish's user properties; empty when absent or malformed.
   */
  public static Optional<TraceParent> traceParent(Mqtt5UserProperties properties) {
    return TraceParent.parse(traceParentValue(properties));
  }
}
