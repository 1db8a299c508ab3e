package io.github.aksreach.k8s.load;

import static io.github.aksreach.k8s.load.ObjectReader.annotations;
import static io.github.aksreach.k8s.load.ObjectReader.labels;
import static io.github.aksreach.k8s.load.ObjectReader.name;
import static io.github.aksreach.k8s.load.ObjectReader.namespace;

import io.github.aksreach.core.model.IpPrefix;
import io.github.aksreach.k8s.model.Ingress;
import io.github.aksreach.k8s.model.IpBlock;
import io.github.aksreach.k8s.model.LabelSelector;
import io.github.aksreach.k8s.model.LabelSelectorRequirement;
import io.github.aksreach.k8s.model.NetworkPolicy;
import io.github.aksreach.k8s.model.NetworkPolicyPeer;
import io.github.aksreach.k8s.model.NetworkPolicyPort;
import io.github.aksreach.k8s.model.NetworkPolicyRule;
import io.github.aksreach.k8s.model.PolicyType;
import io.github.aksreach.k8s.model.PortRef;
import io.github.aksreach.k8s.model.SelectorOperator;
import io.github.aksreach.nsg.model.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads NetworkPolicies and label selectors, for {@link ObjectReader} (and the Gateway API reader's namespace
 * selectors).
 */
final class NetworkPolicyReader {
  private final ReadContext ctx;
  private final ClusterAccumulator out;

  NetworkPolicyReader(ReadContext ctx, ClusterAccumulator out) {
    this.ctx = ctx;
    this.out = out;
  }

  private boolean ok(int before) {
    return ctx.errorCount() == before;
  }

  static Optional<LabelSelector> selector(Cursor c) {
    if (c.isAbsent()) {
      return Optional.empty();
    }
    if (!c.expectObject()) {
      return Optional.empty();
    }
    LabelSelector.Builder b = LabelSelector.builder().putAllMatchLabels(c.stringMap("matchLabels"));
    for (Cursor e : c.items("matchExpressions")) {
      String key = e.required("key");
      Optional<SelectorOperator> op = e.field("operator").enumValue(SelectorOperator::fromApiName,
          "In, NotIn, Exists or DoesNotExist");
      if (e.field("operator").isAbsent()) {
        e.field("operator").error("missing operator");
      }
      List<String> values = e.strings("values");
      if (op.isPresent()) {
        boolean needs = op.get() == SelectorOperator.IN || op.get() == SelectorOperator.NOT_IN;
        if (needs && values.isEmpty()) {
          e.field("values").error("operator " + op.get() + " needs at least one value");
        } else if (!needs && !values.isEmpty()) {
          e.field("values").error("operator " + op.get() + " takes no values");
        } else if (!key.isEmpty()) {
          b.addMatchExpressions(LabelSelectorRequirement.of(key, op.get(), values));
        }
      }
    }
    return Optional.of(b.build());
  }

  private List<NetworkPolicyRule> rules(Cursor list, String peersField) {
    List<NetworkPolicyRule> out = new ArrayList<>();
    for (Cursor r : list.items()) {
      NetworkPolicyRule.Builder rb = NetworkPolicyRule.builder();
      for (Cursor p : r.items(peersField)) {
        int before = ctx.errorCount();
        Optional<LabelSelector> pods = selector(p.field("podSelector"));
        Optional<LabelSelector> nss = selector(p.field("namespaceSelector"));
        Cursor block = p.field("ipBlock");
        Optional<IpBlock> ipBlock = Optional.empty();
        if (block.isPresent()) {
          Optional<IpPrefix> cidr = block.field("cidr").cidr();
          if (block.field("cidr").isAbsent()) {
            block.field("cidr").error("missing cidr");
          }
          List<IpPrefix> except = new ArrayList<>();
          for (Cursor e : block.items("except")) {
            Optional<IpPrefix> x = e.cidr();
            if (x.isPresent() && cidr.isPresent()) {
              IpPrefix c = cidr.get();
              if (x.get().family() != c.family() || x.get().length() < c.length() || !c.contains(x.get().network())) {
                e.error("except " + x.get() + " is not inside cidr " + c);
                continue;
              }
            }
            x.ifPresent(except::add);
          }
          if (cidr.isPresent()) {
            ipBlock = Optional.of(IpBlock.builder().cidr(cidr.get()).addAllExcept(except).build());
          }
        }
        if (block.isPresent() && (pods.isPresent() || nss.isPresent())) {
          p.error("a peer with ipBlock may not also have podSelector or namespaceSelector");
        } else if (block.isAbsent() && pods.isEmpty() && nss.isEmpty()) {
          p.error("a peer needs podSelector, namespaceSelector or ipBlock");
        }
        if (ctx.errorCount() == before) {
          NetworkPolicyPeer.Builder pb = NetworkPolicyPeer.builder();
          pods.ifPresent(pb::podSelector);
          nss.ifPresent(pb::namespaceSelector);
          ipBlock.ifPresent(pb::ipBlock);
          rb.addPeers(pb.build());
        }
      }
      for (Cursor p : r.items("ports")) {
        int before = ctx.errorCount();
        NetworkPolicyPort.Builder pb = NetworkPolicyPort.builder().protocol(p.field("protocol").protocol());
        Optional<PortRef> port = p.field("port").portRef();
        port.ifPresent(pb::port);
        OptionalInt end = p.port("endPort", true);
        if (end.isPresent()) {
          if (port.isEmpty() || port.get().asNumber().isEmpty()) {
            p.field("endPort").error("endPort needs a numeric port");
          } else if (end.getAsInt() < port.get().asNumber().getAsInt()) {
            p.field("endPort").error("endPort " + end.getAsInt() + " is below port " + port.get());
          } else {
            pb.endPort(end.getAsInt());
          }
        }
        if (ctx.errorCount() == before) {
          rb.addPorts(pb.build());
        }
      }
      out.add(rb.build());
    }
    return out;
  }

  void networkPolicy(Cursor o, Provenance prov, int before) {
    String ns = namespace(o);
    NetworkPolicy.Builder b = NetworkPolicy.builder().name(name(o)).namespace(ns).putAllLabels(labels(o))
        .putAllAnnotations(annotations(o)).provenance(prov);
    Cursor spec = o.field("spec");
    spec.expectObject();
    Cursor ps = spec.field("podSelector");
    if (ps.isAbsent()) {
      ps.error("missing podSelector ({} selects every pod of the namespace)");
    }
    selector(ps).ifPresent(b::podSelector);
    for (Cursor t : spec.items("policyTypes")) {
      t.enumValue(PolicyType::fromApiName, "Ingress or Egress").ifPresent(b::addDeclaredPolicyTypes);
    }
    b.addAllIngress(rules(spec.field("ingress"), "from"));
    b.addAllEgress(rules(spec.field("egress"), "to"));
    if (ok(before)) {
      NetworkPolicy p = b.build();
      if (p.declaredPolicyTypes().isEmpty()) {
        spec.info("no policyTypes: " + p.policyTypes() + " (the API default)");
      }
      if (!p.policyTypes().contains(PolicyType.EGRESS) && !p.egress().isEmpty()) {
        spec.field("egress").warn("egress rules are ignored: policyTypes " + p.policyTypes()
            + " does not include Egress");
      }
      out.add("NetworkPolicy", ns, p, prov);
    }
  }
}
