package io.github.aksreach.k8s.model;

import java.util.Optional;

/**
 * A Service's {@code sessionAffinity}.
 *
 * <pre>{@code
 * SessionAffinity.fromApiName("ClientIP");   // Optional[CLIENT_IP]
 * }</pre>
 */
public enum SessionAffinity implements ApiNamed {
  NONE("None"),
  CLIENT_IP("ClientIP");

  private final String apiName;

  SessionAffinity(String apiName) {
    this.apiName = apiName;
  }

  @Override
  public String apiName() {
    return apiName;
  }

  public static Optional<SessionAffinity> fromApiName(String s) {
    return ApiNamed.lookup(values(), s);
  }

  @Override
  public String toString() {
    return apiName;
  }
}
