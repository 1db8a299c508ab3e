package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.Protocol;
import io.github.aksreach.core.solver.Verdict;
import io.github.aksreach.examples.cli.CliTest.Run;
import io.github.aksreach.examples.lab.LabScenarios;
import io.github.aksreach.k8s.gateway.GatewayOptions;
import io.github.aksreach.k8s.migration.L7Diff;
import io.github.aksreach.k8s.migration.L7Side;
import io.github.aksreach.k8s.aks.AksReachability;
import io.github.aksreach.k8s.aks.ScenarioDiff;
import io.github.aksreach.k8s.output.DiffOutput;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code aksreach diff} across the cut-over from ingress-nginx to an Istio Gateway (issue 11, scenarios
 * {@code src/test/resources/migration}, written by {@code k8s-model/src/test/scripts/make_migration_scenarios.py}):
 * the managed-NGINX-like controller (ETP Local) allow-lists 198.51.100.0/24; after the move an ALLOW
 * AuthorizationPolicy with the same {@code ipBlocks} targets the Gateway, whose generated Service keeps ETP Cluster
 * (A4.6) or gets the Local overlay (A4.11).
 */
class MigrationDiffCliTest {
  static String dir(String name) {
    try {
      return Path.of(MigrationDiffCliTest.class.getResource("/migration/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String BEFORE = dir("nginx-before");
  private static final String CLUSTER = dir("gateway-after-cluster");
  private static final String LOCAL = dir("gateway-after-local");

  /** "before -> after: sources" per change of one request on port 80, from the JSON. */
  private static Map<String, String> changes(JsonNode diff, String path) {
    return changes(diff, path, 80);
  }

  /** "before -> after: sources" per change of one request, from the JSON. */
  private static Map<String, String> changes(JsonNode diff, String path, int port) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode e : diff.at("/l7/requests")) {
      if (e.at("/request/path").asText().equals(path) && e.at("/request/port").asInt() == port) {
        for (JsonNode c : e.at("/changes")) {
          out.put(answer(c.at("/before")) + " -> " + answer(c.at("/after")), c.at("/sources").toString());
        }
      }
    }
    return out;
  }

  private static String answer(JsonNode a) {
    return a.at("/verdict").asText() + " " + a.at("/statuses") + " " + a.at("/backends");
  }

  @Test
  void underEtpClusterTheAllowListRefusesTheClientsItAllows() throws Exception {
    Run r = CliTest.run("diff", BEFORE, CLUSTER, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    JsonNode first = j.at("/l7/requests/0");
    assertThat(first.at("/request/host").asText()).isEqualTo("demoapi.example.com");
    assertThat(first.at("/request/path").asText()).isEqualTo("/weatherforecast");
    assertThat(first.at("/request/port").asInt()).isEqualTo(80);
    assertThat(j.at("/l7/notes")).isEmpty();
    assertThat(first.at("/frontDoor/before").asText()).startsWith("ingress-nginx ingress-nginx/");
    assertThat(first.at("/frontDoor/after").asText()).isEqualTo("gateway gateway/web");
    // S5.10a: the gateway sees the node address, so the office's clients get 403 before routing (S5.8)
    assertThat(changes(j, "/weatherforecast")).containsEntry(
        "ALWAYS [] [\"default/simpleapi:8080\"] -> NEVER [403] []", "[\"198.51.100.0/24\"]");
    // the catch-all: NGINX answered the office 404 on /, the gateway refuses it first (403 before 404)
    assertThat(changes(j, "/")).containsEntry("NEVER [404] [] -> NEVER [403] []", "[\"198.51.100.0/24\"]");
    Run text = CliTest.run("diff", BEFORE, CLUSTER);
    assertThat(text.out()).contains("l7 GET demoapi.example.com:80/weatherforecast: ingress-nginx ingress-nginx/")
        .contains("  ALWAYS via default/simpleapi:8080 -> NEVER [403]: 198.51.100.0/24\n");
  }

  /**
   * Plain HTTP: the office keeps its access and no one else gains any. HTTPS: NGINX terminated TLS on 443 for the
   * host; the Gateway has no HTTPS listener and its Service no port 443, so HTTPS is lost for the office (the
   * connection finds no load-balancing rule: NEVER, no HTTP status).
   */
  @Test
  void withTheLocalOverlayTheOfficeKeepsItsAccessAndNoOneElseGainsAny() throws Exception {
    JsonNode j = CliTest.run("diff", BEFORE, LOCAL, "--format", "json").json();
    assertThat(changes(j, "/weatherforecast", 443)).containsEntry(
        "ALWAYS [] [\"default/simpleapi:8080\"] -> NEVER [] []", "[\"198.51.100.0/24\"]");
    for (JsonNode e : j.at("/l7/requests")) {
      if (e.at("/request/port").asInt() != 80) {
        continue;
      }
      for (JsonNode c : e.at("/changes")) {
        assertThat(c.at("/after/verdict").asText()).as("%s", c).isEqualTo("NEVER");
        assertThat(c.at("/sources").toString()).doesNotContain("198.51.100");
      }
    }
    assertThat(changes(j, "/weatherforecast")).doesNotContainKey("ALWAYS [] [\"default/simpleapi:8080\"] -> NEVER [403] []");
  }

  @Test
  void theOtherWayRoundSwapsBeforeAndAfter() throws Exception {
    JsonNode forward = CliTest.run("diff", BEFORE, CLUSTER, "--format", "json").json();
    JsonNode back = CliTest.run("diff", CLUSTER, BEFORE, "--format", "json").json();
    for (String path : new String[] {"/weatherforecast", "/"}) {
      Map<String, String> swapped = new HashMap<>();
      changes(forward, path).forEach((k, v) -> {
        String[] ba = k.split(" -> ");
        swapped.put(ba[1] + " -> " + ba[0], v);
      });
      assertThat(changes(back, path)).isEqualTo(swapped).isNotEmpty();
    }
  }

  private static final String HTTPS = dir("gateway-after-https");

  /**
   * The migration with TLS at the Gateway ({@code gateway-after-https}: HTTPS listener :443 for the host, TLS
   * terminated there, DOMAIN-GATEWAY G1.5; its HTTP listener's route redirects to https, 6.1): on 443 the office
   * keeps reaching the backend and everyone else still gets 403 (no change for an outside address); on 80 the office
   * now gets the gateway's 301 instead of the backend, and the catch-all {@code /} a 301 instead of NGINX's 404.
   */
  @Test
  void anHttpsListenerKeepsHttpsAndRedirectsPlainHttp() throws Exception {
    Run r = CliTest.run("diff", BEFORE, HTTPS, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode j = r.json();
    java.util.List<String> requests = new java.util.ArrayList<>();
    j.at("/l7/requests").forEach(e -> requests.add(e.at("/request/port").asInt() + e.at("/request/path").asText()));
    assertThat(requests).containsExactly("80/weatherforecast", "80/", "443/weatherforecast", "443/");
    assertThat(changes(j, "/weatherforecast", 443).toString()).doesNotContain("198.51.100").doesNotContain("ALWAYS");
    assertThat(changes(j, "/weatherforecast", 80)).containsEntry(
        "ALWAYS [] [\"default/simpleapi:8080\"] -> NEVER [301] []", "[\"198.51.100.0/24\"]");
    assertThat(changes(j, "/", 80)).containsEntry("NEVER [404] [] -> NEVER [301] []", "[\"198.51.100.0/24\"]");
    Run text = CliTest.run("diff", BEFORE, HTTPS);
    assertThat(text.out()).contains("l7 GET demoapi.example.com:443/weatherforecast: ingress-nginx ");
  }

  /**
   * {@code check} over HTTPS at the Gateway: the Host's name is the client's SNI and picks the HTTPS listener
   * (G1.8 step 3); a host no HTTPS listener names fails the TLS handshake (G1.10, option unmatchedSni: a connection
   * reset), where NGINX would have served its default certificate and answered 404 (6.1); plain HTTP to that host is
   * routed by Host and answers 404.
   */
  @Test
  void overHttpsTheHostsNameIsTheSniThatPicksTheListener() throws Exception {
    JsonNode ok = CliTest.run("check", HTTPS, "--from", "198.51.100.7", "--to", "20.50.60.70:443", "--host",
        "demoapi.example.com", "--path", "/weatherforecast", "--format", "json").json();
    assertThat(ok.at("/verdict").asText()).isEqualTo("ALWAYS");
    JsonNode other = CliTest.run("check", HTTPS, "--from", "198.51.100.7", "--to", "20.50.60.70:443", "--host",
        "other.example.com", "--path", "/weatherforecast", "--format", "json").json();
    assertThat(other.at("/verdict").asText()).isEqualTo("NEVER");
    assertThat(other.at("/paths/0/droppedAt/kind").asText()).isEqualTo("INGRESS");
    assertThat(other.at("/paths/0/droppedAt/reason").asText()).contains("no HTTPS listener accepts SNI "
        + "other.example.com").contains("TLS handshake fails");
    assertThat(other.at("/paths/0/droppedAt/httpStatus").isMissingNode()
        || other.at("/paths/0/droppedAt/httpStatus").isNull()).isTrue();
    JsonNode nginx = CliTest.run("check", BEFORE, "--from", "198.51.100.7", "--to", "20.50.60.10:443", "--host",
        "other.example.com", "--path", "/weatherforecast", "--format", "json").json();
    assertThat(nginx.at("/paths/0/droppedAt/httpStatus").asInt()).isEqualTo(404);
    JsonNode plain = CliTest.run("check", HTTPS, "--from", "198.51.100.7", "--to", "20.50.60.70:80", "--host",
        "other.example.com", "--path", "/weatherforecast", "--format", "json").json();
    assertThat(plain.at("/paths/0/droppedAt/httpStatus").asInt()).isEqualTo(404);
  }

  /**
   * Both sides of the lab's "switch to Local" (step 4 vs step 6, ingress-nginx on both) answer like {@code check}
   * with host and path, for addresses inside pieces as well as their first ones: verdict and the HTTP statuses on
   * the dropped paths.
   */
  @Test
  void onTheLabEachSideAgreesWithCheck() {
    for (String step : new String[] {"step4-cluster-nsgs-nodes", "step6-local-pinned"}) {
      AksReachability a = AksReachability.load(LabScenarios.directory(step)).get();
      L7Side side = L7Side.of(a, GatewayOptions.defaults());
      assertThat(side.requests()).isNotEmpty();
      for (L7Diff.Request r : side.requests()) {
        for (String ip : new String[] {"192.168.1.4", "192.168.1.5", "192.168.0.4", "192.168.0.36", "10.244.0.5",
            "168.63.129.16", "203.0.113.10"}) {
          Verdict v = a.check(Flow.of(Protocol.TCP, IpAddress.of(ip), 50000, IpAddress.of("192.168.0.22"), r.port())
              .withHttp(r.host(), r.path())).verdict();
          TreeSet<Integer> statuses = new TreeSet<>();
          v.paths().forEach(p -> p.drop().ifPresent(d -> d.status().ifPresent(statuses::add)));
          L7Diff.Answer x = side.answer(r, IpAddress.of(ip));
          assertThat(x.verdict()).as(step + " " + r + " from " + ip).isEqualTo(v.kind());
          assertThat(x.statuses()).as(step + " " + r + " from " + ip).containsExactlyElementsOf(statuses);
        }
      }
    }
  }

  /** CONTRACTS.md: without a front door on either side, diff prints exactly the layer-3/4 report, nothing more. */
  @Test
  void scenariosWithoutAFrontDoorKeepTheLayer4OutputByteForByte() throws Exception {
    String a = Path.of(MigrationDiffCliTest.class.getResource("/scenarios/public-lb-secure-by-default").toURI())
        .toString();
    String b = Path.of(MigrationDiffCliTest.class.getResource("/scenarios/managed-nsg-public-internet").toURI())
        .toString();
    AksReachability x = AksReachability.load(Path.of(a)).get();
    AksReachability y = AksReachability.load(Path.of(b)).get();
    ScenarioDiff d = ScenarioDiff.of(x, y, ScenarioDiff.frontends(x, y));
    Run text = CliTest.run("diff", a, b);
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).isEqualTo(DiffOutput.text(d, a, b) + System.lineSeparator());
    Run json = CliTest.run("diff", a, b, "--format", "json");
    assertThat(json.out()).isEqualTo(DiffOutput.json(d, a, b) + System.lineSeparator());
    assertThat(json.json().has("l7")).isFalse();
  }
}
