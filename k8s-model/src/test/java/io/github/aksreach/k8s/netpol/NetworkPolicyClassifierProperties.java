package io.github.aksreach.k8s.netpol;

import io.github.aksreach.core.solver.ElementKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Classifier;
import io.github.aksreach.core.solver.ElementGraph;
import io.github.aksreach.core.solver.Outcome;
import io.github.aksreach.core.solver.PathSolver;
import io.github.aksreach.core.solver.PathTree;
import io.github.aksreach.core.solver.Sink;
import io.github.aksreach.core.solver.SolveOptions;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.K8sGens;
import io.github.aksreach.k8s.model.KubernetesCluster;
import io.github.aksreach.k8s.model.Pod;
import io.github.aksreach.k8s.model.PolicyType;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The classifier of {@link NetworkPolicyClassifiers} agrees with the concrete {@link NetworkPolicyEvaluator} on
 * generated clusters, policies and flows: through {@link Classifier#decide}, the linear reference scan, and the path
 * solver over the whole flow space. Counts make sure both answers occur often.
 */
class NetworkPolicyClassifierProperties {
  private static final long SEED = 0x5eed_4e7L;

  private static boolean classifierAllows(Classifier c, Flow f) {
    int i = c.decide(f);
    assertThat(c.decideLinear(f)).isEqualTo(i);
    return c.outcome(i) instanceof Outcome.Next;
  }

  private static Flow flow(Protocol p, IpAddress src, IpAddress dst, int port) {
    return Flow.of(p, src, p.hasPorts() ? 40000 : 0, dst, p.hasPorts() ? port : 0);
  }

  @Test
  void ingressAndEgressClassifiersAgreeWithTheEvaluator() {
    AtomicLong allowed = new AtomicLong();
    AtomicLong denied = new AtomicLong();
    AtomicLong isolatedPods = new AtomicLong();
    for (NetworkPolicyOptions o : List.of(NetworkPolicyOptions.defaults(),
        NetworkPolicyOptions.builder().portlessRulesMatchOtherProtocols(false).bridgeAddressIsNodeAddress(false)
            .hostNetworkPodsMatchSelectors(true).build(),
        NetworkPolicyOptions.defaults().forEngine(io.github.aksreach.k8s.model.NetworkPolicyEngine.CILIUM))) {
      qt().withFixedSeed(SEED).withExamples(100).forAll(K8sGens.clustersWithPolicies()).checkAssert(c -> {
        List<IpAddress> probes = K8sGens.probeAddresses(c);
        NetworkPolicyClassifiers.Factory factory = NetworkPolicyClassifiers.factory(c, o);
        for (Pod pod : c.pods()) {
          if (pod.podIps().isEmpty()) {
            continue;
          }
          IpAddress self = pod.podIps().get(0);
          Classifier in = factory.ingress(pod, K("in"), K("pod"));
          Classifier out = NetworkPolicyClassifiers.egress(c, pod, K("out"), K("next"), o);
          if (NetworkPolicyClassifiers.isIsolated(c, pod, PolicyType.INGRESS)) {
            isolatedPods.incrementAndGet();
          }
          for (IpAddress other : probes) {
            for (Protocol p : K8sGens.PROTOCOLS) {
              for (int port : p.hasPorts() ? K8sGens.PORTS : List.of(0)) {
                boolean ein = NetworkPolicyEvaluator.allowsIngress(c, other, pod, p, port, o);
                boolean cin = classifierAllows(in, flow(p, other, self, port));
                assertThat(cin).as("ingress %s -> %s %s/%d in %s", other, pod, p, port, c).isEqualTo(ein);
                boolean eout = NetworkPolicyEvaluator.allowsEgress(c, pod, other, p, port, o);
                boolean cout = classifierAllows(out, flow(p, self, other, port));
                assertThat(cout).as("egress %s -> %s %s/%d in %s", pod, other, p, port, c).isEqualTo(eout);
                (ein ? allowed : denied).incrementAndGet();
                (eout ? allowed : denied).incrementAndGet();
              }
            }
          }
        }
      });
    }
    System.out.printf("NetworkPolicy property: %d allowed, %d denied, %d isolated pod cases%n", allowed.get(),
        denied.get(), isolatedPods.get());
    assertThat(allowed.get()).isGreaterThan(10_000);
    assertThat(denied.get()).isGreaterThan(10_000);
    assertThat(isolatedPods.get()).isGreaterThan(60);
  }

  @Test
  void pathSolverOverTheWholeSpaceAgreesWithTheEvaluator() {
    AtomicLong always = new AtomicLong();
    AtomicLong never = new AtomicLong();
    qt().withFixedSeed(SEED + 1).withExamples(40).forAll(K8sGens.clustersWithPolicies()).checkAssert(c -> {
      for (Pod pod : c.pods()) {
        if (pod.podIps().isEmpty()) {
          continue;
        }
        Classifier in = NetworkPolicyClassifiers.ingress(c, pod, K("in"), K("pod"));
        ElementGraph g = ElementGraph.of(in, Sink.of("pod", pod.key(), "POD"));
        PathTree t = PathSolver.solve(g, K("in"), FlowSpace.all(), SolveOptions.defaults());
        for (IpAddress other : K8sGens.probeAddresses(c)) {
          for (Protocol p : K8sGens.PROTOCOLS) {
            for (int port : p.hasPorts() ? K8sGens.PORTS : List.of(0)) {
              Flow f = flow(p, other, pod.podIps().get(0), port);
              Verdict v = t.verdict(f);
              boolean e = NetworkPolicyEvaluator.allowsIngress(c, other, pod, p, port);
              assertThat(v.kind()).as("%s to %s", f, pod).isEqualTo(e ? Verdict.Kind.ALWAYS : Verdict.Kind.NEVER);
              (e ? always : never).incrementAndGet();
            }
          }
        }
      }
    });
    System.out.printf("NetworkPolicy path-solver property: %d ALWAYS, %d NEVER%n", always.get(), never.get());
    assertThat(always.get()).isGreaterThan(1_000);
    assertThat(never.get()).isGreaterThan(1_000);
  }

  private static ElementKey K(String name) {
    return ElementKey.named(name);
  }
}
