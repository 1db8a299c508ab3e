package io.github.aksreach.core.solver;

/**
 * Delivered: the flow reached {@code label} (a pod, a server).
 *
 * <pre>{@code
 * Sink pod = Sink.of("pod/default/simpleapi", "default/simpleapi-7d9c-abcde 10.244.1.5:8080", "POD");
 * }</pre>
 */
public record Sink(String id, String label, String kind) implements Element {
  public static Sink of(String id, String label, String kind) {
    return new Sink(id, label, kind);
  }
}
