package io.github.aksreach.core.solver;

import java.util.Objects;

/**
 * Delivered: the flow reached the hop {@code origin} names (a pod, a server).
 *
 * <pre>{@code
 * Sink pod = Sink.of(new PodKey("default", "simpleapi-7d9c-abcde", 8080), new PodOrigin(pod, 8080));
 * Sink s = Sink.of("pod", "default/simpleapi-7d9c-abcde 10.244.1.5:8080", "POD");   // hand-built graphs
 * }</pre>
 */
public record Sink(ElementKey key, Origin origin) implements Element {
  public Sink {
    Objects.requireNonNull(key);
    Objects.requireNonNull(origin);
  }

  public static Sink of(ElementKey key, Origin origin) {
    return new Sink(key, origin);
  }

  /** A sink with a named key and a described origin (hand-built graphs). */
  public static Sink of(String key, String label, String kind) {
    return new Sink(ElementKey.named(key), Origin.of(HopKind.named(kind), label));
  }
}
