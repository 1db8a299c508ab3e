package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A Service's {@code sessionAffinity}.
 *
 * <pre>{@code
 * SessionAffinity.fromApiName("ClientIP");   // Optional[CLIENT_IP]
 * }</pre>
 */
public enum SessionAffinity {
  NONE("None"),
  CLIENT_IP("ClientIP");

  private final String apiName;

  SessionAffinity(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<SessionAffinity> fromApiName(String s) {
    for (SessionAffinity t : values()) {
      if (t.apiName.equals(s)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
