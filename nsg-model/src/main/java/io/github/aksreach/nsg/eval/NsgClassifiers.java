package io.github.aksreach.nsg.eval;

import io.github.aksreach.core.model.InvalidModelException;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementKey;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.nsg.model.Direction;
import io.github.aksreach.nsg.model.NetworkSecurityGroup;
import io.github.aksreach.nsg.model.NsgPath;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns NSGs into the core solver's {@link Classifier} elements: the API the end-to-end reachability graph calls.
 *
 * <pre>{@code
 * AddressResolver r = AddressResolver.forVnet(net, vnet);
 * ElementKey next = ElementKey.named("node-a/nic-nsg/in");
 * Classifier subnetIn = NsgClassifiers.forNsg(nsgUser, Direction.INBOUND, r, ElementKey.named("node-a/subnet-nsg/in"),
 *     NsgOrigin.of(nsgUser, NsgPosition.SUBNET, Optional.of(userSubnet), Direction.INBOUND), next);
 * // allowed flows:  Outcome.next(next, "allowed by nsg-user rule AllowPodTraffic (300)")
 * // denied flows:   Outcome.drop(NsgHopKind.NSG, "denied by nsg-user rule DenyAllCustom (4000)").bypassingTo(next)
 *
 * List<Classifier> chain = NsgClassifiers.forPath(net.nsgsOnPath(nic), Direction.INBOUND, r,
 *     ElementKey.named("node-a"), ElementKey.named("node-a/kube-proxy"), EvalOptions.defaults());
 * // subnet NSG, then NIC NSG, then node-a/kube-proxy; keys are NsgHopKeys of chain "node-a"
 * }</pre>
 *
 * <p>Every rule's {@code RuleRef} carries the NSG rule's name and priority; the hop's {@link NsgOrigin} names the
 * NSG, where it is attached and the direction; the drop kind is {@link NsgHopKind#NSG}.
 */
public final class NsgClassifiers {

  private NsgClassifiers() {}

  /**
   * The classifier of {@code nsg}'s rules of {@code direction}.
   *
   * @param key the element's key
   * @param origin the hop's origin (which NSG, attached where)
   * @param allowTarget where allowed flows go, and where denied ones bypass to in explain mode
   * @throws InvalidModelException if a rule's tag or ASG cannot be resolved (never for a loaded network)
   */
  public static Classifier forNsg(NetworkSecurityGroup nsg, Direction direction, AddressResolver resolver,
                                  ElementKey key, NsgOrigin origin, ElementKey allowTarget) {
    return CompiledNsg.of(nsg, direction, resolver).toClassifier(key, origin, allowTarget);
  }

  /** {@link #forNsg}, with unresolvable rules as errors instead of an exception. */
  public static Validation<Seq<ModelError>, Classifier> tryForNsg(NetworkSecurityGroup nsg, Direction direction,
                                                                  AddressResolver resolver, ElementKey key,
                                                                  NsgOrigin origin, ElementKey allowTarget) {
    return CompiledNsg.compile(nsg, direction, resolver).map(c -> c.toClassifier(key, origin, allowTarget));
  }

  /**
   * The classifier for a hop with no NSG at all (neither subnet nor NIC): everything goes to {@code allowTarget},
   * unless {@code secureByDefault} (Standard LB / public IP), in which case everything is dropped with kind
   * {@link NsgHopKind#NSG} (bypassing to {@code allowTarget}).
   */
  public static Classifier absent(ElementKey key, NsgOrigin origin, ElementKey allowTarget,
                                  boolean secureByDefault) {
    Outcome o = secureByDefault
        ? Outcome.drop(NsgHopKind.NSG, "no NSG on subnet or NIC: Standard SKU is secure by default")
            .bypassingTo(allowTarget)
        : Outcome.next(allowTarget, "no NSG on subnet or NIC: allowed");
    return Classifier.of(key, origin, List.of(), o);
  }

  /**
   * The NSGs of one NIC hop, chained in Azure's order (inbound: subnet then NIC; outbound: NIC then subnet), the last
   * one continuing to {@code finalTarget}. Keys are {@link NsgHopKey}s of {@code chain}; origins name the NSG and
   * where it is attached. With no NSG at all the chain is one {@link #absent} classifier (position empty). The first
   * element is the chain's entry.
   */
  public static List<Classifier> forPath(NsgPath path, Direction direction, AddressResolver resolver,
                                         ElementKey chain, ElementKey finalTarget, EvalOptions options) {
    List<NsgPath.Applied> applied = path.inOrder(direction);
    List<Classifier> out = new ArrayList<>();
    if (applied.isEmpty()) {
      out.add(absent(new NsgHopKey(chain, Optional.empty(), direction), NsgOrigin.none(path.subnet(), direction),
          finalTarget, options.secureByDefault() && direction == Direction.INBOUND));
      return out;
    }
    for (int i = 0; i < applied.size(); i++) {
      NsgPath.Applied a = applied.get(i);
      ElementKey key = new NsgHopKey(chain, Optional.of(a.position()), direction);
      ElementKey next = i + 1 < applied.size()
          ? new NsgHopKey(chain, Optional.of(applied.get(i + 1).position()), direction) : finalTarget;
      out.add(forNsg(a.nsg(), direction, resolver, key, NsgOrigin.of(a.nsg(), a.position(), path.subnet(),
          direction), next));
    }
    return out;
  }
}
