package io.github.aksreach.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Hop;
import io.github.aksreach.core.solver.PathResult;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.cluster.AksOptions;
import io.github.aksreach.k8s.cluster.HostPortOptions;
import io.github.aksreach.k8s.trace.AksHopKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container's hostPort through the CNI portmap plugin (scenario {@code hostport-portmap}): DNAT of nodeIP:hostPort
 * to podIP:containerPort, client source kept by default; the UNVERIFIED points as {@link HostPortOptions}.
 */
class HostPortTest {
  private static AksReachability load(HostPortOptions h) throws Exception {
    Path dir = Path.of(HostPortTest.class.getResource("/scenarios/hostport-portmap").toURI());
    var loaded = AksReachability.load(dir, AksOptions.defaults().withHostPort(h));
    assertThat(loaded.isValid()).as("%s", loaded).isTrue();
    return loaded.get();
  }

  private static Flow delivered(PathResult p, Flow sent) {
    Hop last = p.hops().get(p.hops().size() - 1);
    assertThat(last.kind()).isEqualTo(AksHopKind.POD);
    return last.seen(sent);
  }

  @Test
  void theDnatKeepsTheClientByDefaultAndMasqueradesWhenTheOptionSaysSo() throws Exception {
    Flow f = Flow.tcp("10.10.9.4:40000", "10.10.1.4:19102");
    PathResult kept = load(HostPortOptions.defaults()).check(f).verdict().paths().get(0);
    assertThat(kept.delivered()).isTrue();
    assertThat(delivered(kept, f)).isEqualTo(Flow.tcp("10.10.9.4:40000", "10.244.0.30:9102"));

    PathResult masq = load(HostPortOptions.defaults().withKeepsClientSource(false)).check(f).verdict().paths().get(0);
    assertThat(delivered(masq, f)).isEqualTo(Flow.tcp("10.10.1.4:40000", "10.244.0.30:9102"));

    Verdict off = load(HostPortOptions.defaults().withServed(false)).check(f).verdict();
    assertThat(off.kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(off.paths().get(0).drop().orElseThrow().kind()).isEqualTo(AksHopKind.KUBE_PROXY);
  }

  /**
   * scenario.yaml's {@code assumptions.hostPortKeepsClientSource} and {@code hostPortServed} (scenarios
   * {@code hostport-masquerade}, {@code hostport-not-served}) describe the cluster: a key present there wins over the
   * option the analysis was given, an absent one keeps it.
   */
  @Test
  void scenarioYamlAssumptionsWinOverTheGivenOptions() throws Exception {
    Flow f = Flow.tcp("10.10.9.4:40000", "10.10.1.4:19102");
    AksReachability masq = AksReachability.load(dir("hostport-masquerade"), AksOptions.defaults()).get();
    assertThat(masq.network().options().hostPort()).isEqualTo(new HostPortOptions(true, false));
    assertThat(delivered(masq.check(f).verdict().paths().get(0), f).srcIp()).isEqualTo(IpAddress.of("10.10.1.4"));
    AksReachability off = AksReachability.load(dir("hostport-not-served"),
        AksOptions.defaults().withHostPort(HostPortOptions.defaults().withKeepsClientSource(false))).get();
    assertThat(off.network().options().hostPort()).as("served from scenario.yaml, the source option kept")
        .isEqualTo(new HostPortOptions(false, false));
    assertThat(off.check(f).verdict().kind()).isEqualTo(Verdict.Kind.NEVER);
    assertThat(load(HostPortOptions.defaults().withServed(false)).network().options().hostPort().served())
        .as("no key in scenario.yaml: the option holds").isFalse();
  }

  /** Through the CLI: a misspelt or mistyped hostPort assumption refuses the scenario (exit 2, file and path). */
  @Test
  void aBadHostPortAssumptionIsRefusedThroughTheCli(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path copy = tmp.resolve("s");
    try (var files = java.nio.file.Files.walk(dir("hostport-masquerade"))) {
      for (Path p : files.toList()) {
        java.nio.file.Files.copy(p, copy.resolve(dir("hostport-masquerade").relativize(p).toString()));
      }
    }
    java.nio.file.Files.writeString(copy.resolve("scenario.yaml"),
        "cluster:\n  networkPlugin: kubenet\nassumptions:\n  hostPortKeepsClientSource: maybe\n");
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = io.github.aksreach.examples.cli.Main.run(new String[] {"check", copy.toString(), "--from", "10.10.9.4",
        "--to", "10.10.1.4:19102"}, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("scenario.yaml").contains("assumptions.hostPortKeepsClientSource")
        .contains("expected true or false, found the string 'maybe'").doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  /**
   * One container port (9125) mapped per protocol to two hostPorts (scenario {@code hostport-per-protocol}): the
   * element of each mapping is its own ({@code AksKey.HostPort} carries the hostPort and protocol), so the DNAT hop
   * names the hostPort the flow took, and each hostPort maps only its protocol.
   */
  @Test
  void eachProtocolsMappingOfOneContainerPortIsItsOwn() throws Exception {
    AksReachability a = AksReachability.load(dir("hostport-per-protocol"), AksOptions.defaults()).get();
    for (Object[] c : new Object[][] {{18125, Protocol.TCP}, {8125, Protocol.UDP}}) {
      int hostPort = (Integer) c[0];
      Protocol p = (Protocol) c[1];
      Flow f = Flow.of(p, IpAddress.of("10.10.9.4"), 40000, IpAddress.of("10.10.1.4"), hostPort);
      PathResult r = a.check(f).verdict().paths().get(0);
      assertThat(r.delivered()).as("%s", f).isTrue();
      assertThat(delivered(r, f)).isEqualTo(Flow.of(p, IpAddress.of("10.10.9.4"), 40000,
          IpAddress.of("10.244.0.30"), 9125));
      Hop dnat = r.hops().stream().filter(h -> h.element() instanceof io.github.aksreach.k8s.hops.AksKey.HostPort)
          .findFirst().orElseThrow();
      assertThat(((io.github.aksreach.k8s.trace.KubeProxyOrigin) dnat.origin()).port()).as("%s", f)
          .hasValue(hostPort);
      assertThat(((io.github.aksreach.k8s.hops.AksKey.HostPort) dnat.element()).protocol()).isEqualTo(p);
      Protocol other = p == Protocol.TCP ? Protocol.UDP : Protocol.TCP;
      assertThat(a.check(Flow.of(other, IpAddress.of("10.10.9.4"), 40000, IpAddress.of("10.10.1.4"), hostPort))
          .verdict().kind()).as("%s over %s", hostPort, other).isEqualTo(Verdict.Kind.NEVER);
    }
  }

  private static Path dir(String name) throws Exception {
    return Path.of(HostPortTest.class.getResource("/scenarios/" + name).toURI());
  }

  /** Over every port and both protocols on both nodes: only the two declared hostPorts, on the pod's node, deliver. */
  @Test
  void onlyTheDeclaredHostPortsOnThePodsNodeDeliver() throws Exception {
    AksReachability a = load(HostPortOptions.defaults());
    java.util.concurrent.atomic.AtomicInteger hits = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();
    List<Integer> special = List.of(8125, 19102, 9102, 9125, 8124, 19103);
    qt().withFixedSeed(0x12_0301L).withExamples(300)
        .forAll(integers().between(0, 1), integers().between(0, special.size()), integers().between(1, 65535),
            integers().between(0, 1))
        .checkAssert((node, pick, port, udp) -> {
          int p = pick < special.size() ? special.get(pick) : port;
          Protocol proto = udp == 1 ? Protocol.UDP : Protocol.TCP;
          IpAddress dst = IpAddress.of(node == 0 ? "10.10.1.4" : "10.10.1.5");
          Flow f = Flow.of(proto, IpAddress.of("10.10.9.4"), 40000, dst, p);
          boolean mapped = node == 0 && (proto == Protocol.TCP && p == 19102 || proto == Protocol.UDP && p == 8125);
          boolean other = a.network().kubernetes().services().stream().anyMatch(s -> s.ports().stream().anyMatch(
              sp -> sp.nodePort().orElse(-1) == p)) || p == 10256 || p == 10356
              || a.network().kubernetes().services().stream().anyMatch(s -> s.healthCheckNodePort().orElse(-1) == p);
          if (other) {
            return;
          }
          PathResult r = a.check(f).verdict().paths().get(0);
          assertThat(r.delivered()).as("%s", f).isEqualTo(mapped);
          (mapped ? hits : misses).incrementAndGet();
          if (mapped) {
            assertThat(delivered(r, f).dstIp()).isEqualTo(IpAddress.of("10.244.0.30"));
            assertThat(delivered(r, f).srcIp()).isEqualTo(IpAddress.of("10.10.9.4"));
          }
        });
    assertThat(hits.get()).isGreaterThan(10);
    assertThat(misses.get()).isGreaterThan(100);
  }
}
