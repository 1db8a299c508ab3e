package io.github.aksreach.core.solver;

import java.util.List;

/**
 * Constant assignments to header fields, then on to {@code target}.
 *
 * <pre>{@code
 * Rewrite snat = Rewrite.of("snat-node-a", "MASQUERADE to 192.168.0.4", "KUBE_PROXY",
 *     List.of(Assign.srcIp(IpAddress.of("192.168.0.4"))), "node-a/out");
 * }</pre>
 */
public record Rewrite(String id, String label, String kind, List<Assign> assigns, String target)
    implements Element {
  public Rewrite {
    assigns = List.copyOf(assigns);
  }

  public static Rewrite of(String id, String label, String kind, List<Assign> assigns, String target) {
    return new Rewrite(id, label, kind, assigns, target);
  }
}
