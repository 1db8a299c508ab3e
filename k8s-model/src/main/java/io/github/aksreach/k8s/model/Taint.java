package io.github.aksreach.k8s.model;

import io.github.aksreach.core.model.InvalidModelException;
import java.util.Optional;

/**
 * A node taint.
 *
 * <pre>{@code
 * Taint t = Taint.of("ToBeDeletedByClusterAutoscaler", Optional.of("1671521722"), TaintEffect.NO_SCHEDULE);
 * t.toString();   // "ToBeDeletedByClusterAutoscaler=1671521722:NoSchedule"
 * }</pre>
 *
 * @param key the taint key
 * @param value the value, if any
 * @param effect the effect
 */
public record Taint(String key, Optional<String> value, TaintEffect effect) {
  public Taint {
    if (key == null || value == null || effect == null) {
      throw new InvalidModelException("Taint fields must not be null");
    }
  }

  public static Taint of(String key, Optional<String> value, TaintEffect effect) {
    return new Taint(key, value, effect);
  }

  public static Taint of(String key, TaintEffect effect) {
    return new Taint(key, Optional.empty(), effect);
  }

  @Override
  public String toString() {
    return key + value.map(v -> "=" + v).orElse("") + ":" + effect;
  }
}
