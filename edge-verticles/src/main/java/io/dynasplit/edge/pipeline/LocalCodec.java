package io.dynasplit.edge.pipeline;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * An event-bus codec that passes a Java object by reference between verticles of one JVM: the
 * pipeline's messages are immutable records and never leave the process.
 *
 * @param <T> the message type
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {

  private final String name;

  private LocalCodec(Class<T> type) {
    this.name = "dynasplit-local-" + type.getName();
  }

  /** Registers a local codec as the default codec of each type, once per Vert.x instance. */
  public static void register(Vertx vertx, Class<?>... types) {
    for (Class<?> type : types) {
      registerOne(vertx, type);
    }
  }

  private static <T> void registerOne(Vertx vertx, Class<T> type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second edge node in the same Vert.x instance: the codec is already there
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException("local codec " + name + " never leaves the jvm");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local codec " + name + " never leaves the jvm");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
