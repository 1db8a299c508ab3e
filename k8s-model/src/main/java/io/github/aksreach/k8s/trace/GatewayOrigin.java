package io.github.aksreach.k8s.trace;

import io.github.aksreach.core.solver.HopKind;
import io.github.aksreach.core.solver.Origin;
import java.util.Objects;

/**
 * A Gateway API front door's hop (an Istio gateway pod): which Gateway of which class, which gateway pod, and which
 * stage (authorization and routing of the request, or the fork over the winning rule's weighted backends).
 *
 * <pre>{@code
 * if (hop.origin() instanceof GatewayOrigin g && g.stage() == GatewayOrigin.Stage.PROXY) {
 *   hop.seen(flow).srcIp();   // source.ip the gateway's AuthorizationPolicies checked on this path
 * }
 * }</pre>
 *
 * @param gatewayClass the GatewayClass ({@code istio}, {@code approuting-istio})
 * @param namespace the Gateway's namespace
 * @param gateway the Gateway's name
 * @param pod the gateway pod
 * @param stage authorization and routing, or the backends
 */
public record GatewayOrigin(String gatewayClass, String namespace, String gateway, PodRef pod, Stage stage)
    implements Origin {
  /** Where in the gateway. */
  public enum Stage {
    /** AuthorizationPolicies (403 before routing), listener and route selection, answers the gateway gives itself. */
    PROXY,
    /** The fork over the winning rule's weighted backendRefs and their endpoints (500/503 shares included). */
    BACKENDS
  }

  public GatewayOrigin {
    Objects.requireNonNull(gatewayClass);
    Objects.requireNonNull(namespace);
    Objects.requireNonNull(gateway);
    Objects.requireNonNull(pod);
    Objects.requireNonNull(stage);
  }

  @Override
  public HopKind kind() {
    return AksHopKind.INGRESS;
  }

  @Override
  public String label() {
    return "Gateway " + namespace + "/" + gateway + " (" + gatewayClass + ") " + pod
        + (stage == Stage.BACKENDS ? " backends" : "");
  }
}
