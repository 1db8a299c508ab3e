package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Gateway API {@code GRPCRoute} (R2.35): host and gRPC service/method routing to weighted backends.
 *
 * <pre>{@code
 * GrpcRoute g = GrpcRoute.builder().namespace("app").name("echo")
 *     .addParentRefs(ParentRef.gateway("gw", "infra"))
 *     .addRules(new GrpcRoute.Rule(
 *         List.of(new GrpcRoute.Match(Optional.of(GrpcRoute.MethodMatch.exact("echo.Echo", "Ping")), List.of())),
 *         List.of(BackendRef.service("echo", 9000))))
 *     .build();
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractGrpcRoute implements GatewayRoute {
  @Override
  public String kind() {
    return "GRPCRoute";
  }

  public abstract List<Rule> rules();

  @Override
  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("GRPCRoute namespace and name must not be empty");
    }
  }

  @Override
  public String toString() {
    return "GRPCRoute " + key();
  }

  /**
   * {@code matches[].method}: the gRPC service and/or method; an unset part matches any.
   *
   * @param type {@code Exact} (default) or {@code RegularExpression}
   * @param service the fully qualified service ({@code echo.Echo})
   * @param method the method ({@code Ping})
   */
  public record MethodMatch(ValueMatch.Type type, Optional<String> service, Optional<String> method) {
    public MethodMatch {
      if (type == null || service == null || method == null) {
        throw new IllegalArgumentException("MethodMatch fields must not be null");
      }
    }

    public static MethodMatch exact(String service, String method) {
      return new MethodMatch(ValueMatch.Type.EXACT, Optional.of(service), Optional.of(method));
    }
  }

  /**
   * One match (method AND headers); the matches of a rule are ORed.
   *
   * @param method the method match, if any
   * @param headers header matches
   */
  public record Match(Optional<MethodMatch> method, List<ValueMatch> headers) {
    public Match {
      if (method == null || headers == null) {
        throw new IllegalArgumentException("Match fields must not be null");
      }
      headers = List.copyOf(headers);
    }
  }

  /**
   * One rule.
   *
   * @param matches ORed matches; empty matches every call
   * @param backendRefs weighted backends
   */
  public record Rule(List<Match> matches, List<BackendRef> backendRefs) {
    public Rule {
      if (matches == null || backendRefs == null) {
        throw new IllegalArgumentException("Rule fields must not be null");
      }
      matches = List.copyOf(matches);
      backendRefs = List.copyOf(backendRefs);
    }
  }
}
