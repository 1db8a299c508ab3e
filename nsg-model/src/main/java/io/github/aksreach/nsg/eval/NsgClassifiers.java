package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.github.aksreach.nsg.model.NsgPosition;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns NSGs into the core solver's {@link Classifier} elements: the API the end-to-end reachability graph calls.
 *
 * <pre>{@code
 * AddressResolver r = AddressResolver.forVnet(net, vnet);
 * Classifier subnetIn = NsgClassifiers.forNsg(nsgUser, Direction.INBOUND, r,
 *     "node-a/subnet-nsg/in", "nsg-user (subnet user)", "node-a/nic-nsg/in");
 * // allowed flows:  Outcome.next("node-a/nic-nsg/in", "allowed by nsg-user rule AllowPodTraffic (300)")
 * // denied flows:   Outcome.drop("NSG", "denied by nsg-user rule DenyAllCustom (4000)").bypassingTo("node-a/nic-nsg/in")
 *
 * List<Classifier> chain = NsgClassifiers.forPath(net.nsgsOnPath(nic), Direction.INBOUND, r, "node-a",
 *     "node-a/kube-proxy", EvalOptions.defaults());   // subnet NSG, then NIC NSG, then node-a/kube-proxy
 * }</pre>
 *
 * <p>Every rule's {@code RuleRef} carries the NSG rule's name and priority; the drop kind is {@value #DROP_KIND}.
 */
public final class NsgClassifiers {
  /** The drop kind of NSG denials. */
  public static final String DROP_KIND = "NSG";

  private NsgClassifiers() {}

  /**
   * The classifier of {@code nsg}'s rules of {@code direction}.
   *
   * @param id the element id
   * @param label what a user calls it ("nsg-user (subnet user)")
   * @param allowTarget where allowed flows go, and where denied ones bypass to in explain mode
   * @throws InvalidModelException if a rule's tag or ASG cannot be resolved (never for a loaded network)
   */
  public static Classifier forNsg(NetworkSecurityGroup nsg, Direction direction, AddressResolver resolver,
                                  String id, String label, String allowTarget) {
    return CompiledNsg.of(nsg, direction, resolver).toClassifier(id, label, allowTarget);
  }

  /** {@link #forNsg}, with unresolvable rules as errors instead of an exception. */
  public static Validation<Seq<ModelError>, Classifier> tryForNsg(NetworkSecurityGroup nsg, Direction direction,
                                                                  AddressResolver resolver, String id, String label,
                                                                  String allowTarget) {
    return CompiledNsg.compile(nsg, direction, resolver).map(c -> c.toClassifier(id, label, allowTarget));
  }

  /**
   * The classifier for a hop with no NSG at all (neither subnet nor NIC): everything goes to {@code allowTarget},
   * unless {@code secureByDefault} (Standard LB / public IP), in which case everything is dropped with kind
   * {@value #DROP_KIND} (bypassing to {@code allowTarget}).
   */
  public static Classifier absent(String id, String label, String allowTarget, boolean secureByDefault) {
    Outcome o = secureByDefault
        ? Outcome.drop(DROP_KIND, "no NSG on subnet or NIC: Standard SKU is secure by default")
            .bypassingTo(allowTarget)
        : Outcome.next(allowTarget, "no NSG on subnet or NIC: allowed");
    return Classifier.of(id, label, DROP_KIND, List.of(), o);
  }

  /**
   * The NSGs of one NIC hop, chained in Azure's order (inbound: subnet then NIC; outbound: NIC then subnet), the last
   * one continuing to {@code finalTarget}. Ids are {@code <idPrefix>/subnet-nsg/in|out} and
   * {@code <idPrefix>/nic-nsg/in|out}; labels name the NSG and where it is attached ("nsg-user (subnet user)",
   * "aks-agentpool-nsg (NIC)"). With no NSG at all the chain is one {@link #absent} classifier with id
   * {@code <idPrefix>/no-nsg/in|out}. The first element is the chain's entry.
   */
  public static List<Classifier> forPath(NsgPath path, Direction direction, AddressResolver resolver,
                                         String idPrefix, String finalTarget, EvalOptions options) {
    String dir = direction == Direction.INBOUND ? "in" : "out";
    List<NsgPath.Applied> applied = path.inOrder(direction);
    List<Classifier> out = new ArrayList<>();
    if (applied.isEmpty()) {
      out.add(absent(idPrefix + "/no-nsg/" + dir, "no NSG (" + path.subnet().map(s -> "subnet " + s.name())
          .orElse("unknown subnet") + ")", finalTarget,
          options.secureByDefault() && direction == Direction.INBOUND));
      return out;
    }
    for (int i = 0; i < applied.size(); i++) {
      NsgPath.Applied a = applied.get(i);
      String id = idFor(idPrefix, a.position(), dir);
      String next = i + 1 < applied.size() ? idFor(idPrefix, applied.get(i + 1).position(), dir) : finalTarget;
      String where = a.position() == NsgPosition.SUBNET
          ? "subnet " + path.subnet().map(s -> s.name()).orElse("?")
          : "NIC";
      out.add(forNsg(a.nsg(), direction, resolver, id, a.nsg().name() + " (" + where + ")", next));
    }
    return out;
  }

  private static String idFor(String prefix, NsgPosition p, String dir) {
    return prefix + "/" + p.name().toLowerCase(Locale.ROOT) + "-nsg/" + dir;
  }
}
