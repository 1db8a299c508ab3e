package io.github.aksreach.examples.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.oracle.ConcreteOracle;
import io.github.aksreach.k8s.oracle.FlowCatalog;
import io.github.aksreach.k8s.oracle.OracleAgreement;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The independent oracle ({@link ConcreteOracle}, written from DOMAIN.md without the element graph) agrees with
 * {@code AksReachability.check} on every loadable scenario of the corpus and every lab step, for the flows of
 * {@link FlowCatalog}: verdict, exact delivered fraction, and the weight of each (delivered header / drop kind). The
 * run must meet each verdict and each drop kind often enough to be meaningful; known disagreements are listed by name
 * in {@link OracleExclusions}.
 */
class OracleCorpusTest {
  /** Flows per scenario: an even sample of its catalog ({@code -Daksreach.oracle.flows=N} for more). */
  private static final int FLOWS_PER_SCENARIO = Integer.getInteger("aksreach.oracle.flows", 160);
  /**
   * Scenarios whose answer depends on what the oracle does not model, with the reason (none since the oracle walks
   * Istio gateway pods and AGC frontends, {@code GatewayLegs}; {@code gateway-probe-get-root} was here).
   */
  private static final java.util.Map<String, String> NOT_MODELLED = java.util.Map.of();

  static List<Path> corpus() throws IOException, URISyntaxException {
    List<Path> out = new ArrayList<>();
    Path root = Path.of(OracleCorpusTest.class.getResource("/scenarios").toURI());
    try (Stream<Path> s = Files.list(root)) {
      s.filter(Files::isDirectory).sorted().forEach(out::add);
    }
    for (String step : LabScenarios.STEPS) {
      out.add(LabScenarios.directory(step));
    }
    return out;
  }

  /** Whether the first run of the scenario's {@code expect.yaml} expects exit 2 (a bad-input scenario). */
  static boolean refusedByDesign(Path dir) throws IOException {
    Path expect = dir.resolve("expect.yaml");
    if (!Files.isRegularFile(expect)) {
      return false;
    }
    com.fasterxml.jackson.databind.JsonNode runs = new com.fasterxml.jackson.databind.ObjectMapper(
        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(expect.toFile()).path("runs");
    return runs.size() > 0 && runs.get(0).path("exit").asInt(0) == 2;
  }

  @Test
  void oracleAgreesWithTheEngineOnTheCorpus() throws Exception {
    OracleAgreement t = new OracleAgreement(OracleExclusions.ALL);
    List<String> refused = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int scenarios = 0;
    for (Path dir : corpus()) {
      if (NOT_MODELLED.containsKey(dir.getFileName().toString())) {
        skipped.add(dir.getFileName() + " (" + NOT_MODELLED.get(dir.getFileName().toString()) + ")");
        continue;
      }
      Validation<Seq<ModelError>, AksReachability> loaded = AksReachability.load(dir);
      if (loaded.isInvalid()) {
        refused.add(dir.getFileName() + ": " + loaded.getError().head().message());
        // refused by design only: its expect.yaml says its first run exits 2 (bad input)
        assertThat(refusedByDesign(dir)).as(dir.getFileName() + " is refused: " + loaded.getError().head().message())
            .isTrue();
        continue;
      }
      scenarios++;
      AksReachability a = loaded.get();
      ConcreteOracle o = new ConcreteOracle(a.network());
      for (Flow f : FlowCatalog.sample(FlowCatalog.of(a.network(), 2, 3), 0, FLOWS_PER_SCENARIO)) {
        t.check(dir.getFileName().toString(), a, o, f);
      }
    }
    System.out.println("oracle vs engine on the corpus: " + scenarios + " scenarios, " + t + "; refused " + refused
        + "; not modelled by the oracle " + skipped);
    t.mismatches().forEach(m -> System.out.println(m.summary()));
    assertThat(t.mismatches().size()).as(t.describeMismatches(8)).isZero();
    assertThat(scenarios).isGreaterThanOrEqualTo(50);
    assertThat(refused).as("scenarios that must not load (exit 2 by design)").hasSizeLessThanOrEqualTo(6);
    for (String v : List.of("ALWAYS", "SOMETIMES", "NEVER")) {
      assertThat(t.verdicts().getOrDefault(v, 0)).as("flows with verdict " + v + ": " + t).isGreaterThanOrEqualTo(
          v.equals("SOMETIMES") ? 20 : 500);
    }
    for (String k : List.of("NSG", "LOAD_BALANCER", "KUBE_PROXY", "NO_ROUTE", "NETWORK_POLICY", "INGRESS")) {
      assertThat(t.dropKinds().getOrDefault(k, 0)).as("drops of kind " + k + ": " + t).isGreaterThanOrEqualTo(20);
    }
    // the corpus's Istio Gateway and AGC scenarios are walked through their gateways, not only to their pods
    assertThat(t.legs().getOrDefault(OracleAgreement.ISTIO_LEG, 0)).as("%s", t).isGreaterThanOrEqualTo(200);
    assertThat(t.legs().getOrDefault(OracleAgreement.AGC_LEG, 0)).as("%s", t).isGreaterThanOrEqualTo(100);
    assertThat(t.legs().getOrDefault(OracleAgreement.ISTIO_LEG + " status 403", 0)).as("%s", t)
        .isGreaterThanOrEqualTo(20);
    assertThat(t.legs().getOrDefault(OracleAgreement.AGC_LEG + " ALWAYS", 0)).as("%s", t).isGreaterThanOrEqualTo(5);
    assertThat(t.excluded()).as("exclusion still needed").containsKey(
        OracleExclusions.LOCAL_NODEPORT_FROM_OWN_NODE.name());
  }
}
