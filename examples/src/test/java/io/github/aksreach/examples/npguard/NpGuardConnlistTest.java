package io.github.aksreach.examples.npguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * np-guard/netpol-analyzer's own test cases (Apache-2.0, vendored unmodified under {@code src/test/resources/npguard},
 * see {@link NpGuardCase} for what a running cluster adds) against their expected connectivity
 * ({@code connlist_output.txt}), asked of aksreach one flow at a time: between every two workloads (one pod each),
 * from and to outside addresses at both ends of and next to every external range np-guard lists, over TCP, UDP and
 * SCTP, on every port bound np-guard or a container names (and a few more). A pod-to-pod or outside-to-pod flow is
 * allowed when aksreach delivers it (ALWAYS) and refused when NetworkPolicy drops it; a pod-to-outside flow is allowed
 * when NetworkPolicy lets it out (where it goes beyond the VNet is outside both tools: NO_ROUTE).
 *
 * <p>Explained exclusions, counted and printed, never silent: a hostNetwork pod as either end (Kubernetes leaves
 * NetworkPolicy for hostNetwork pods undefined, DOMAIN.md 6, and aksreach never isolates them; it has its node's
 * address; np-guard analyses it as a pod network peer); a case whose input the Kubernetes API refuses, which aksreach
 * refuses too, naming the file and path ({@link #REFUSED}: the refusal itself is asserted). Cases left out of the
 * vendored set, and why: {@code scenario-generator/npguard_vendor.py}.
 *
 * <p>The cases run with {@code networkPolicy: cilium}, whose CIDR rules do not select cluster endpoints, as np-guard's
 * ipBlocks select external peers only. Under {@code azure} (Azure NPM: an ipBlock also matches pod addresses, the
 * per-engine semantic of issue 12) the two {@code *-with-ipblock} cases differ on 57 of their 5,460 questions, each a
 * pod-to-pod flow that an ipBlock covering the pods' addresses admits and np-guard refuses (measured by switching the
 * engine in {@link NpGuardCase}).
 */
class NpGuardConnlistTest {
  private static final List<Protocol> PROTOCOLS = List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP);
  private static final int SRC_PORT = 40000;
  private static final String HOST_NETWORK = "hostNetwork pod (NetworkPolicy undefined for it; node's address)";
  /**
   * Cases whose input is invalid for the Kubernetes API, with the refusal aksreach gives: np-guard reads them and
   * answers. {@code netpol_named_port_test*}: a container port written {@code containerport: 3535} (lower case p) has
   * no {@code containerPort}, which the API requires (a strict decoder also refuses the unknown field).
   */
  private static final Map<String, String> REFUSED = Map.of(
      "netpol_named_port_test", "spec.containers[0].ports[1].containerPort: missing containerPort",
      "netpol_named_port_test_2", "spec.containers[0].ports[1].containerPort: missing containerPort");

  /** The outcome of one case. */
  static final class Tally {
    int questions;
    int agreed;
    final Map<String, Integer> excluded = new TreeMap<>();
    final List<String> disagreements = new ArrayList<>();
    final Map<String, Integer> answers = new TreeMap<>();

    void exclude(String why, int n) {
      excluded.merge(why, n, Integer::sum);
    }
  }

  @Test
  void aksreachAgreesWithNpGuardsExpectedConnectivity(@TempDir Path tmp) throws Exception {
    Path root = Path.of(NpGuardConnlistTest.class.getResource("/npguard").toURI());
    Map<String, Tally> byCase = new LinkedHashMap<>();
    for (NpGuardCase c : NpGuardCase.all(root)) {
      byCase.put(c.name(), run(c, tmp.resolve(c.name())));
    }
    int questions = 0;
    int agreed = 0;
    List<String> disagreements = new ArrayList<>();
    Map<String, Integer> excluded = new TreeMap<>();
    for (Map.Entry<String, Tally> e : byCase.entrySet()) {
      Tally t = e.getValue();
      System.out.println("np-guard " + e.getKey() + ": " + t.questions + " questions, " + t.agreed + " agree, answers "
          + t.answers + ", excluded " + t.excluded + ", disagreements " + t.disagreements.size());
      questions += t.questions;
      agreed += t.agreed;
      t.excluded.forEach((k, v) -> excluded.merge(k, v, Integer::sum));
      t.disagreements.forEach(d -> disagreements.add(e.getKey() + ": " + d));
    }
    System.out.println("np-guard: " + byCase.size() + " cases, " + questions + " questions, " + agreed + " agree, "
        + disagreements.size() + " disagree; excluded " + excluded);
    assertThat(disagreements).as("disagreements (%s of %s)", disagreements.size(), questions)
        .isEmpty();
    assertThat(byCase).hasSizeGreaterThanOrEqualTo(20);
    assertThat(questions).isGreaterThan(100_000);
    Map<String, Integer> answers = new TreeMap<>();
    for (Map.Entry<String, Tally> e : byCase.entrySet()) {
      e.getValue().answers.forEach((k, v) -> answers.merge(k, v, Integer::sum));
      if (!REFUSED.containsKey(e.getKey())) {
        assertThat(e.getValue().questions).as("%s: questions asked", e.getKey()).isGreaterThan(100);
      }
    }
    assertThat(answers.getOrDefault("allowed", 0)).as("%s", answers).isGreaterThan(10_000);
    assertThat(answers.getOrDefault("refused", 0)).as("%s", answers).isGreaterThan(10_000);
  }

  private static Tally run(NpGuardCase c, Path dir) throws Exception {
    Tally t = new Tally();
    List<NpGuardCase.PodOf> pods = c.writeScenario(dir);
    ConnList expected = c.connList();
    var loaded = AksReachability.load(dir, AksOptions.defaults());
    if (REFUSED.containsKey(c.name())) {
      if (loaded.isValid() || loaded.getError().map(e -> e.toString()).find(e -> e.contains(REFUSED.get(c.name())))
          .isEmpty()) {
        t.disagreements.add("expected the refusal '" + REFUSED.get(c.name()) + "', got " + (loaded.isValid()
            ? "a scenario" : loaded.getError()));
      } else {
        t.exclude("input the Kubernetes API refuses: aksreach refuses it too (" + REFUSED.get(c.name()) + ")", 1);
      }
      return t;
    }
    if (loaded.isInvalid()) {
      t.disagreements.add("the scenario is refused: " + loaded.getError());
      return t;
    }
    AksReachability a = loaded.get();
    Map<String, NpGuardCase.PodOf> reps = new LinkedHashMap<>();
    for (NpGuardCase.PodOf p : pods) {
      reps.putIfAbsent(p.workload(), p);
    }
    Set<Integer> ports = ports(expected, pods);
    List<IpAddress> outside = outside(expected, pods);
    for (NpGuardCase.PodOf src : reps.values()) {
      for (NpGuardCase.PodOf dst : reps.values()) {
        if (src == dst) {
          continue;
        }
        if (src.hostNetwork() || dst.hostNetwork()) {
          t.exclude(HOST_NETWORK, PROTOCOLS.size() * ports.size());
          continue;
        }
        for (Protocol p : PROTOCOLS) {
          for (int port : ports) {
            boolean want = expected.allows(ConnList.Peer.workload(src.workload()),
                ConnList.Peer.workload(dst.workload()), p, port);
            ask(a, t, Flow.of(p, IpAddress.of(src.ip()), SRC_PORT, IpAddress.of(dst.ip()), port), want, false,
                src.workload() + " => " + dst.workload());
          }
        }
      }
    }
    for (NpGuardCase.PodOf pod : reps.values()) {
      if (pod.hostNetwork()) {
        t.exclude(HOST_NETWORK, 2 * outside.size() * PROTOCOLS.size() * ports.size());
        continue;
      }
      ConnList.Peer w = ConnList.Peer.workload(pod.workload());
      for (IpAddress ip : outside) {
        ConnList.Peer x = ConnList.Peer.address(ip);
        for (Protocol p : PROTOCOLS) {
          for (int port : ports) {
            ask(a, t, Flow.of(p, ip, SRC_PORT, IpAddress.of(pod.ip()), port), expected.allows(x, w, p, port), false,
                ip + " => " + pod.workload());
            ask(a, t, Flow.of(p, IpAddress.of(pod.ip()), SRC_PORT, ip, port), expected.allows(w, x, p, port), true,
                pod.workload() + " => " + ip);
          }
        }
      }
    }
    return t;
  }

  /**
   * Asks one flow. Allowed: delivered (ALWAYS), or for a destination outside the cluster, past NetworkPolicy (then
   * NO_ROUTE beyond the VNet); refused: every path dropped by NetworkPolicy. Anything else disagrees either way.
   */
  private static void ask(AksReachability a, Tally t, Flow f, boolean want, boolean toOutside, String what) {
    t.questions++;
    Verdict v = a.check(f).verdict();
    boolean policyDrop = v.kind() == Verdict.Kind.NEVER
        && v.paths().stream().allMatch(p -> dropKind(p, AksHopKind.NETWORK_POLICY));
    boolean allowed = v.kind() == Verdict.Kind.ALWAYS || (toOutside && v.kind() == Verdict.Kind.NEVER
        && v.paths().stream().allMatch(p -> dropKind(p, AksHopKind.NO_ROUTE)));
    t.answers.merge(allowed ? "allowed" : policyDrop ? "refused" : "other", 1, Integer::sum);
    if ((want && allowed) || (!want && policyDrop)) {
      t.agreed++;
    } else if (t.disagreements.size() < 20) {
      t.disagreements.add(what + " " + f + ": np-guard " + (want ? "allows" : "refuses") + ", aksreach " + v.kind()
          + v.paths().stream().map(p -> p.drop().map(d -> " " + d.kind() + " " + d.reason()).orElse(" delivered"))
          .distinct().toList());
    } else {
      t.disagreements.add(what + " " + f);
    }
  }

  private static boolean dropKind(PathResult p, AksHopKind kind) {
    return !p.delivered() && p.drop().map(d -> d.kind() == kind).orElse(false);
  }

  /** Every bound np-guard names (and its neighbours), every container port, and a few common ones. */
  private static Set<Integer> ports(ConnList c, List<NpGuardCase.PodOf> pods) {
    Set<Integer> out = new TreeSet<>(List.of(1, 53, 80, 443, 8080, 65535));
    for (ConnList.Line l : c.lines()) {
      for (ConnList.Ports r : l.ports()) {
        for (int p : new int[] {r.from() - 1, r.from(), r.to(), r.to() + 1}) {
          if (p >= 1 && p <= 65535) {
            out.add(p);
          }
        }
      }
    }
    for (NpGuardCase.PodOf p : pods) {
      p.pod().path("spec").path("containers").forEach(ct -> ct.path("ports").forEach(cp -> {
        int n = cp.path("containerPort").asInt(0);
        if (n > 0) {
          out.add(n);
        }
      }));
    }
    return out;
  }

  /** Both ends of every external range np-guard lists and the addresses next to them, none of the cluster's. */
  private static List<IpAddress> outside(ConnList c, List<NpGuardCase.PodOf> pods) {
    Set<Long> out = new TreeSet<>(List.of(IpAddress.of("198.51.100.7").v4Value()));
    for (ConnList.Line l : c.lines()) {
      for (ConnList.Peer p : List.of(l.src(), l.dst())) {
        if (p.external()) {
          for (long v : new long[] {p.first() - 1, p.first(), p.last(), p.last() + 1}) {
            if (v >= 0 && v <= 0xFFFFFFFFL) {
              out.add(v);
            }
          }
        }
      }
    }
    Set<String> cluster = new TreeSet<>();
    pods.forEach(p -> cluster.add(p.ip()));
    List<IpAddress> ips = new ArrayList<>();
    for (long v : out) {
      IpAddress ip = IpAddress.v4(v);
      if (!cluster.contains(ip.toString()) && !ip.toString().startsWith("10.224.0.")) {
        ips.add(ip);
      }
    }
    return ips;
  }
}
