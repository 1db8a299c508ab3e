package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.examples.TestDirs;
import io.github.aksreach.examples.cli.CliTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aksreach diff} (CONTRACTS.md section 2) on the lab: "what changes if I switch the ingress controller to
 * externalTrafficPolicy Local (one replica pinned to the ingress pool)?" is step 4 against step 6.
 */
class DiffCliTest {
  private static final String CLUSTER = CliTest.step("step4-cluster-nsgs-nodes");
  private static final String LOCAL = CliTest.step("step6-local-pinned");

  @Test
  void switchingToLocalFixesTheClientAndShowsWhatElseChanges() throws Exception {
    Run r = CliTest.run("diff", CLUSTER, LOCAL, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.at("/a").asText()).isEqualTo(CLUSTER);
    assertThat(j.at("/reach")).hasSize(1);
    assertThat(j.at("/reach/0/to").asText()).isEqualTo("192.168.0.22:80/tcp");
    Map<String, JsonNode> changes = new HashMap<>();
    for (JsonNode c : j.at("/reach/0/changes")) {
      changes.put(c.at("/before").asText() + "->" + c.at("/after").asText(), c.at("/sources"));
    }
    // the article's client: 1 request in 3 under Cluster, every request under Local
    assertThat(changes.get("SOMETIMES->ALWAYS").toString()).isEqualTo("[\"192.168.1.4/32\"]");
    // the price: nodes of other pools, served by their own kube-proxy, now meet nsg-ingress's deny without the
    // node-to-node opening Cluster needed
    assertThat(changes.get("ALWAYS->NEVER").toString()).isEqualTo("[\"192.168.0.4/32\",\"192.168.0.36/32\"]");
    Map<String, String> health = new HashMap<>();
    for (JsonNode h : j.at("/health")) {
      health.put(h.at("/node").asText(), h.at("/before/state").asText() + " " + h.at("/before/probe").asText()
          + " -> " + h.at("/after/state").asText() + " " + h.at("/after/probe").asText());
    }
    assertThat(health).containsEntry("aks-user-28786594-vmss000001",
        "UP Http 31880 /healthz -> DOWN Http 31049 /healthz");
    assertThat(health).containsEntry("aks-nodepool1-41831646-vmss000001",
        "UP Http 31880 /healthz -> DOWN Http 31049 /healthz");
    assertThat(health).containsEntry("aks-ingress-41831646-vmss000000",
        "UP Http 31880 /healthz -> UP Http 31049 /healthz");
  }

  @Test
  void theOtherWayRoundSwapsBeforeAndAfter() throws Exception {
    JsonNode forward = CliTest.run("diff", CLUSTER, LOCAL, "--format", "json").json();
    JsonNode back = CliTest.run("diff", LOCAL, CLUSTER, "--format", "json").json();
    Map<String, String> f = new HashMap<>();
    for (JsonNode c : forward.at("/reach/0/changes")) {
      f.put(c.at("/after").asText() + "->" + c.at("/before").asText(), c.at("/sources").toString());
    }
    Map<String, String> b = new HashMap<>();
    for (JsonNode c : back.at("/reach/0/changes")) {
      b.put(c.at("/before").asText() + "->" + c.at("/after").asText(), c.at("/sources").toString());
    }
    assertThat(b).isEqualTo(f).isNotEmpty();
  }

  /**
   * A two-port Service switched to Local: each port's rule had its own probe, now both share the health-check
   * probe; backends are compared per rule, so every backend appears before and after, none as a pair of
   * absent entries.
   */
  @Test
  void switchingAMultiPortServiceToLocalPairsEachRulesBackends(@TempDir Path tmp) throws Exception {
    Path src = Path.of(DiffCliTest.class.getResource("/scenarios/probe-port-annotations").toURI());
    Path local = TestDirs.copy(src, tmp.resolve("local"));
    Path k8s = local.resolve("k8s/cluster.yaml");
    // both ports get a rule in both scenarios (the original keeps port 443 off the LB)
    String noRule = "      service.beta.kubernetes.io/port_443_no_lb_rule: 'true'\n";
    assertThat(Files.readString(k8s)).contains(noRule);
    Files.writeString(k8s, Files.readString(k8s).replace(noRule, ""));
    Path before = TestDirs.copy(local, tmp.resolve("before"));
    String yaml = Files.readString(k8s);
    String cluster = "    clusterIP: 10.0.50.10\n    clusterIPs:\n    - 10.0.50.10\n    externalTrafficPolicy: Cluster\n";
    assertThat(yaml).contains(cluster);
    Files.writeString(k8s, yaml.replace(cluster, cluster.replace("externalTrafficPolicy: Cluster",
        "externalTrafficPolicy: Local\n    healthCheckNodePort: 32180")));
    Run r = CliTest.run("diff", before.toString(), local.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode health = r.json().at("/health");
    assertThat(health).isNotEmpty();
    java.util.Set<String> rules = new java.util.HashSet<>();
    for (JsonNode h : health) {
      assertThat(h.at("/before").isNull()).as("%s", h).isFalse();
      assertThat(h.at("/after").isNull()).as("%s", h).isFalse();
      assertThat(h.at("/after/probe").asText()).contains("32180");
      rules.add(h.at("/rule").asText());
    }
    assertThat(rules).hasSize(2).allMatch(x -> x.endsWith("-TCP-80") || x.endsWith("-TCP-443"));
  }

  @Test
  void aScenarioAgainstItselfHasNoChange() {
    Run r = CliTest.run("diff", CLUSTER, CLUSTER, "--to", "192.168.0.22:80");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("reach 192.168.0.22:80/tcp: no change").contains("health: no change");
  }

  @Test
  void aBrokenScenarioIsBadInputNamingItsFiles() {
    Run r = CliTest.run("diff", CLUSTER, "/nonexistent/scenario");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("/nonexistent/scenario");
    assertThat(r.out()).isEmpty();
  }
}
