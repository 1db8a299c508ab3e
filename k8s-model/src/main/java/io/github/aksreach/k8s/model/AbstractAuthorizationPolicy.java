package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An Istio {@code AuthorizationPolicy} ({@code security.istio.io}, DOMAIN-GATEWAY 5.1): which workloads it applies to
 * ({@code selector} or {@code targetRefs}), its action, and its rules of sources, operations and conditions.
 *
 * <pre>{@code
 * AuthorizationPolicy allow = AuthorizationPolicy.builder().namespace("infra").name("allow-office")
 *     .action(AuthorizationPolicy.Action.ALLOW)
 *     .addTargetRefs(new AuthorizationPolicy.TargetRef(ParentRef.GATEWAY_GROUP, "Gateway", "web"))
 *     .addRules(AuthorizationPolicy.Rule.from(AuthorizationPolicy.Source.ipBlocks(IpPrefix.of("203.0.113.0/24"))))
 *     .build();
 * }</pre>
 *
 * <p>Semantics (S5.2, S5.3): CUSTOM first, then DENY, then ALLOW; no {@code rules} means the policy never matches (an
 * ALLOW policy with {@code spec: {}} denies everything), an empty rule matches everything. The evaluation lives in
 * {@code io.github.aksreach.k8s.gateway.AuthorizationEvaluator}.
 */
@Value.Immutable
public abstract class AbstractAuthorizationPolicy {
  /** {@code spec.action}. */
  public enum Action implements ApiNamed {
    ALLOW("ALLOW"),
    DENY("DENY"),
    AUDIT("AUDIT"),
    CUSTOM("CUSTOM");

    private final String apiName;

    Action(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  public abstract String namespace();

  public abstract String name();

  /** {@code spec.selector.matchLabels}; empty when absent. */
  public abstract Optional<Map<String, String>> selector();

  /** {@code spec.targetRefs} (and the deprecated single {@code targetRef}). */
  public abstract List<TargetRef> targetRefs();

  @Value.Default
  public Action action() {
    return Action.ALLOW;
  }

  /** {@code spec.provider.name}, for CUSTOM. */
  public abstract Optional<String> provider();

  /** {@code spec.rules}; empty means the policy never matches. */
  public abstract List<Rule> rules();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty()) {
      throw new InvalidModelException("AuthorizationPolicy namespace and name must not be empty");
    }
    if (selector().isPresent() && !targetRefs().isEmpty()) {
      throw new InvalidModelException("AuthorizationPolicy " + key() + ": selector and targetRefs are exclusive");
    }
  }

  public String key() {
    return namespace() + "/" + name();
  }

  @Override
  public String toString() {
    return "AuthorizationPolicy " + key() + " " + action().apiName();
  }

  /**
   * A {@code targetRefs[]} entry.
   *
   * @param group {@value ParentRef#GATEWAY_GROUP} for a Gateway or GatewayClass
   * @param kind {@code Gateway}, {@code GatewayClass} or {@code Service}
   * @param name the target's name (same namespace)
   */
  public record TargetRef(String group, String kind, String name) {
    public TargetRef {
      if (group == null || kind == null || name == null) {
        throw new IllegalArgumentException("TargetRef fields must not be null");
      }
    }
  }

  /**
   * One rule: matches when at least one source, one operation and every condition match (empty lists match any).
   *
   * @param from sources (ORed)
   * @param to operations (ORed)
   * @param when conditions (ANDed)
   */
  public record Rule(List<Source> from, List<Operation> to, List<Condition> when) {
    /** The empty rule, which matches every request. */
    public static final Rule ANY = new Rule(List.of(), List.of(), List.of());

    public Rule {
      if (from == null || to == null || when == null) {
        throw new IllegalArgumentException("Rule fields must not be null");
      }
      from = List.copyOf(from);
      to = List.copyOf(to);
      when = List.copyOf(when);
    }

    public static Rule from(Source... sources) {
      return new Rule(List.of(sources), List.of(), List.of());
    }

    public Rule withTo(List<Operation> ops) {
      return new Rule(from, ops, when);
    }
  }

  /**
   * A {@code from[].source}: every set field must match (AND); a field's values are ORed.
   *
   * @param principals peer identities (mTLS; an Internet client has none)
   * @param notPrincipals negated principals
   * @param requestPrincipals JWT identities
   * @param notRequestPrincipals negated
   * @param namespaces peer namespaces (mTLS)
   * @param notNamespaces negated
   * @param ipBlocks {@code source.ip}: the packet's source (Envoy's peer)
   * @param notIpBlocks negated
   * @param remoteIpBlocks {@code remote.ip}: from X-Forwarded-For and {@code numTrustedProxies} (S5.4)
   * @param notRemoteIpBlocks negated
   */
  public record Source(List<String> principals, List<String> notPrincipals, List<String> requestPrincipals,
      List<String> notRequestPrincipals, List<String> namespaces, List<String> notNamespaces,
      List<IpPrefix> ipBlocks, List<IpPrefix> notIpBlocks, List<IpPrefix> remoteIpBlocks,
      List<IpPrefix> notRemoteIpBlocks) {
    public Source {
      principals = List.copyOf(principals);
      notPrincipals = List.copyOf(notPrincipals);
      requestPrincipals = List.copyOf(requestPrincipals);
      notRequestPrincipals = List.copyOf(notRequestPrincipals);
      namespaces = List.copyOf(namespaces);
      notNamespaces = List.copyOf(notNamespaces);
      ipBlocks = List.copyOf(ipBlocks);
      notIpBlocks = List.copyOf(notIpBlocks);
      remoteIpBlocks = List.copyOf(remoteIpBlocks);
      notRemoteIpBlocks = List.copyOf(notRemoteIpBlocks);
    }

    public static Source ipBlocks(IpPrefix... blocks) {
      return new Source(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(blocks), List.of(),
          List.of(), List.of());
    }

    public static Source remoteIpBlocks(IpPrefix... blocks) {
      return new Source(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of(blocks), List.of());
    }
  }

  /**
   * A {@code to[].operation}: every set field must match (AND).
   *
   * @param hosts {@code :authority} patterns (exact, {@code *suffix}, {@code prefix*}, {@code *}); case-insensitive
   * @param notHosts negated
   * @param ports the connection's destination ports
   * @param notPorts negated
   * @param methods HTTP methods
   * @param notMethods negated
   * @param paths path patterns (exact, {@code prefix*}, {@code *suffix}, {@code *}, {@code {*}}/{@code {**}})
   * @param notPaths negated
   */
  public record Operation(List<String> hosts, List<String> notHosts, List<String> ports, List<String> notPorts,
      List<String> methods, List<String> notMethods, List<String> paths, List<String> notPaths) {
    public Operation {
      hosts = List.copyOf(hosts);
      notHosts = List.copyOf(notHosts);
      ports = List.copyOf(ports);
      notPorts = List.copyOf(notPorts);
      methods = List.copyOf(methods);
      notMethods = List.copyOf(notMethods);
      paths = List.copyOf(paths);
      notPaths = List.copyOf(notPaths);
    }

    public static Operation paths(String... paths) {
      return new Operation(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(paths),
          List.of());
    }

    public static Operation hosts(String... hosts) {
      return new Operation(List.of(hosts), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of());
    }
  }

  /**
   * A {@code when[]} condition.
   *
   * @param key the attribute ({@code source.ip}, {@code remote.ip}, {@code request.headers[X-Token]},
   *     {@code destination.port}, ...)
   * @param values matches when the attribute is one of these
   * @param notValues matches when it is none of these
   */
  public record Condition(String key, List<String> values, List<String> notValues) {
    public Condition {
      if (key == null) {
        throw new IllegalArgumentException("Condition key must not be null");
      }
      values = List.copyOf(values);
      notValues = List.copyOf(notValues);
    }
  }
}
