package io.github.aksreach.k8s.model;

import io.github.aksreach.nsg.model.Provenance;
import io.github.aksreach.core.model.InvalidModelException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Gateway API {@code Gateway} (GWAPI section 1): its class, listeners, requested addresses and the infrastructure
 * metadata the implementation copies to what it generates.
 *
 * <pre>{@code
 * Gateway gw = Gateway.builder().namespace("infra").name("web").gatewayClassName("approuting-istio")
 *     .addListeners(Gateway.Listener.http("http", 80))
 *     .addListeners(Gateway.Listener.http("api", 80).withHostname("api.example.com")
 *         .withAllowedRoutes(Gateway.AllowedRoutes.ALL_NAMESPACES))
 *     .build();
 * gw.listener("api");   // Optional[api :80 HTTP api.example.com]
 * gw.listenerPorts();   // [80]
 * }</pre>
 */
@Value.Immutable
public abstract class AbstractGateway {
  public abstract String namespace();

  public abstract String name();

  public abstract Map<String, String> labels();

  public abstract Map<String, String> annotations();

  /** {@code spec.gatewayClassName}. */
  public abstract String gatewayClassName();

  /** {@code spec.listeners}, in order (1-64 in the API). */
  public abstract List<Listener> listeners();

  /** {@code spec.addresses}: requested addresses (Istio: empty or one IPAddress means "managed", A4.4). */
  public abstract List<Address> addresses();

  /** {@code spec.infrastructure}. */
  public abstract Optional<Infrastructure> infrastructure();

  /** {@code status.addresses[].value}: what the implementation bound (the LB IP on Istio, A4.12). */
  public abstract List<String> statusAddresses();

  public abstract Optional<Instant> creationTimestamp();

  @Value.Auxiliary
  public abstract Optional<Provenance> provenance();

  @Value.Check
  protected void check() {
    if (name().isEmpty() || namespace().isEmpty() || gatewayClassName().isEmpty()) {
      throw new InvalidModelException("Gateway namespace, name and gatewayClassName must not be empty");
    }
  }

  public Optional<Listener> listener(String listenerName) {
    return listeners().stream().filter(l -> l.name().equals(listenerName)).findFirst();
  }

  /** The distinct listener ports, in listener order. */
  public List<Integer> listenerPorts() {
    return listeners().stream().map(Listener::port).distinct().toList();
  }

  public String key() {
    return namespace() + "/" + name();
  }

  public ObjectRef ref() {
    return ObjectRef.of("Gateway", namespace(), name());
  }

  @Override
  public String toString() {
    return "Gateway " + key();
  }

  /**
   * One listener (G1.2).
   *
   * @param name the section name, unique in the Gateway
   * @param port 1-65535
   * @param protocol {@code HTTP}, {@code HTTPS}, {@code TLS}, {@code TCP}, {@code UDP} or a domain-prefixed name
   * @param hostname the listener hostname (exact or {@code *.suffix}); empty matches every host
   * @param allowedRoutes which routes may attach
   * @param tlsMode {@code tls.mode} ({@code Terminate} or {@code Passthrough}) when {@code tls} is set
   */
  public record Listener(String name, int port, String protocol, Optional<String> hostname,
      AllowedRoutes allowedRoutes, Optional<String> tlsMode) {
    public Listener {
      if (name == null || protocol == null || hostname == null || allowedRoutes == null || tlsMode == null) {
        throw new IllegalArgumentException("Listener fields must not be null");
      }
      if (port < 1 || port > 65535) {
        throw new InvalidModelException("listener port out of range 1-65535: " + port);
      }
    }

    /** An HTTP listener without hostname, routes from the Gateway's namespace only. */
    public static Listener http(String name, int port) {
      return new Listener(name, port, "HTTP", Optional.empty(), AllowedRoutes.SAME_NAMESPACE, Optional.empty());
    }

    public Listener withHostname(String h) {
      return new Listener(name, port, protocol, Optional.of(h), allowedRoutes, tlsMode);
    }

    public Listener withProtocol(String p) {
      return new Listener(name, port, p, hostname, allowedRoutes, tlsMode);
    }

    public Listener withAllowedRoutes(AllowedRoutes a) {
      return new Listener(name, port, protocol, hostname, a, tlsMode);
    }

    /** Whether the listener carries HTTP (HTTP, or HTTPS terminated at the gateway). */
    public boolean isHttp() {
      return protocol.equals("HTTP") || protocol.equals("HTTPS");
    }

    @Override
    public String toString() {
      return name + " :" + port + " " + protocol + hostname.map(h -> " " + h).orElse("");
    }
  }

  /** {@code allowedRoutes.namespaces.from} (G1.11). */
  public enum FromNamespaces implements ApiNamed {
    SAME("Same"),
    ALL("All"),
    SELECTOR("Selector");

    private final String apiName;

    FromNamespaces(String apiName) {
      this.apiName = apiName;
    }

    @Override
    public String apiName() {
      return apiName;
    }
  }

  /**
   * {@code allowedRoutes} (G1.11, G1.12).
   *
   * @param from which namespaces may attach
   * @param selector the namespace label selector, used only with {@code Selector}
   * @param kinds the allowed route kinds; empty means "by listener protocol"
   */
  public record AllowedRoutes(FromNamespaces from, Optional<LabelSelector> selector, List<RouteGroupKind> kinds) {
    /** The default: routes from the Gateway's own namespace. */
    public static final AllowedRoutes SAME_NAMESPACE = new AllowedRoutes(FromNamespaces.SAME, Optional.empty(),
        List.of());
    /** Routes from every namespace. */
    public static final AllowedRoutes ALL_NAMESPACES = new AllowedRoutes(FromNamespaces.ALL, Optional.empty(),
        List.of());

    public AllowedRoutes {
      if (from == null || selector == null || kinds == null) {
        throw new IllegalArgumentException("AllowedRoutes fields must not be null");
      }
      kinds = List.copyOf(kinds);
    }
  }

  /**
   * A route kind in {@code allowedRoutes.kinds}.
   *
   * @param group default {@value ParentRef#GATEWAY_GROUP}
   * @param kind {@code HTTPRoute}, {@code GRPCRoute}, ...
   */
  public record RouteGroupKind(String group, String kind) {
    public RouteGroupKind {
      if (group == null || kind == null) {
        throw new IllegalArgumentException("RouteGroupKind fields must not be null");
      }
    }
  }

  /**
   * A requested address (G1.15).
   *
   * @param type {@code IPAddress} (default), {@code Hostname} or a domain-prefixed type
   * @param value the address
   */
  public record Address(String type, String value) {
    public Address {
      if (type == null || value == null) {
        throw new IllegalArgumentException("Address fields must not be null");
      }
    }
  }

  /**
   * {@code spec.infrastructure} (G1.16).
   *
   * @param labels labels for generated resources
   * @param annotations annotations for generated resources
   * @param parametersRef implementation parameters (Istio: a ConfigMap of overlays)
   */
  public record Infrastructure(Map<String, String> labels, Map<String, String> annotations,
      Optional<LocalObjectRef> parametersRef) {
    public Infrastructure {
      if (labels == null || annotations == null || parametersRef == null) {
        throw new IllegalArgumentException("Infrastructure fields must not be null");
      }
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
      annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }
  }

  /**
   * A reference to an object in the same namespace (or cluster-scoped), by group, kind and name.
   *
   * @param group the API group, empty for core
   * @param kind the kind ({@code ConfigMap})
   * @param name the name
   */
  public record LocalObjectRef(String group, String kind, String name) {
    public LocalObjectRef {
      if (group == null || kind == null || name == null) {
        throw new IllegalArgumentException("LocalObjectRef fields must not be null");
      }
    }
  }
}
