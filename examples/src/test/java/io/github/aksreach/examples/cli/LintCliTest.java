package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.aksreach.examples.lab.LabScenarios;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aksreach lint} as CONTRACTS.md section 2 specifies it: formats, exit codes, SARIF that code scanning takes. */
class LintCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema sarifSchema;

  @BeforeAll
  static void schema() throws Exception {
    try (InputStream in = LintCliTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
      sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  static CliTest.Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliTest.Run(exit, out.toString(), err.toString());
  }

  static String step(String name) {
    return LabScenarios.directory(name).toString();
  }

  @Test
  void jsonHasTheContractShapeAndFailOnDecidesTheExitCode() throws Exception {
    CliTest.Run r = run("lint", step("step2-cluster-allowlist"), "--format", "json");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.fieldNames()).toIterable().containsExactly("findings");
    assertThat(j.get("findings")).isNotEmpty();
    for (JsonNode f : j.get("findings")) {
      assertThat(f.fieldNames()).toIterable().containsExactly("id", "severity", "message", "evidence", "fix");
      assertThat(f.get("severity").asText()).isIn("info", "warning", "error");
    }
    assertThat(j.findValuesAsText("id")).contains("allowlist-under-cluster-policy");
    // step 6 has warnings only: error passes, warning fails
    assertThat(run("lint", step("step6-local-pinned"), "--format", "json", "--fail-on", "error").exit()).isZero();
    assertThat(run("lint", step("step6-local-pinned"), "--format", "json", "--fail-on", "warning").exit())
        .isEqualTo(1);
  }

  @Test
  void sarifIsValidAgainstTheSchemaAndLocatesFindings() throws Exception {
    CliTest.Run r = run("lint", step("step3-cluster-nsgs"), "--format", "sarif", "--fail-on", "info");
    assertThat(r.exit()).isEqualTo(1);
    JsonNode sarif = JSON.readTree(r.out());
    Set<ValidationMessage> errors = sarifSchema.validate(sarif);
    assertThat(errors).as(r.out()).isEmpty();
    assertThat(sarif.at("/version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.at("/runs/0");
    assertThat(run.at("/tool/driver/name").asText()).isEqualTo("aksreach");
    assertThat(run.at("/tool/driver/rules").size()).isGreaterThanOrEqualTo(20);
    boolean ruleLocated = false;
    for (JsonNode res : run.get("results")) {
      // what GitHub code scanning needs of every result
      assertThat(res.at("/ruleId").asText()).isNotEmpty();
      assertThat(res.at("/level").asText()).isIn("error", "warning", "note");
      assertThat(res.at("/message/text").asText()).isNotEmpty();
      JsonNode loc = res.at("/locations/0/physicalLocation");
      assertThat(loc.at("/artifactLocation/uri").asText()).isNotEmpty();
      assertThat(loc.at("/region/startLine").asInt()).isPositive();
      if (res.at("/ruleId").asText().equals("custom-deny-blocks-probes")) {
        // the offending NSG rule: DenyAllCustom of nsg-ingress, at its line in azure/nsgs.json
        assertThat(loc.at("/artifactLocation/uri").asText()).isEqualTo("azure/nsgs.json");
        Path nsgs = LabScenarios.directory("step3-cluster-nsgs").resolve("azure/nsgs.json");
        String line = Files.readAllLines(nsgs).get(loc.at("/region/startLine").asInt() - 1);
        assertThat(line.trim()).isEqualTo("{");
        String next = String.join("\n", Files.readAllLines(nsgs).subList(loc.at("/region/startLine").asInt(),
            loc.at("/region/startLine").asInt() + 25));
        assertThat(next).contains("\"name\": \"DenyAllCustom\"");
        ruleLocated = true;
      }
    }
    assertThat(ruleLocated).isTrue();
    assertThat(run.at("/originalUriBaseIds/SCENARIO/uri").asText()).startsWith("file:");
  }

  @Test
  void sarifUrisAreRelativeToTheRepositoryWhenTheScenarioIsNamedRelatively(@TempDir Path tmp) throws Exception {
    Path copy = tmp.resolve("dumps/prod");
    copyTree(LabScenarios.directory("step2-cluster-allowlist"), copy);
    String rel = Path.of("").toAbsolutePath().relativize(copy).toString();
    CliTest.Run r = run("lint", rel, "--format", "sarif");
    JsonNode sarif = JSON.readTree(r.out());
    assertThat(sarifSchema.validate(sarif)).isEmpty();
    assertThat(sarif.findValuesAsText("uri")).anyMatch(u -> u.equals(rel.replace('\\', '/') + "/k8s/ingress.yaml"));
    assertThat(sarif.at("/runs/0/originalUriBaseIds").isMissingNode()).isTrue();
  }

  @Test
  void badInputExitsTwoWithOneLinePerProblem(@TempDir Path tmp) throws Exception {
    CliTest.Run missing = run("lint", tmp.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope").doesNotContain("Exception");
    assertThat(run("lint", step("step1-cluster-open"), "--fail-on", "fatal").exit()).isEqualTo(2);
    assertThat(run("lint", step("step1-cluster-open"), "--format", "xml").exit()).isEqualTo(2);
    CliTest.Run unknown = run("lint", step("step1-cluster-open"), "--check", "no-such-check");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no-such-check");
  }

  @Test
  void textNamesEachFindingWithItsLocationAndFix() {
    CliTest.Run r = run("lint", step("step2-cluster-allowlist"), "--check", "allowlist-under-cluster-policy");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("ERROR allowlist-under-cluster-policy  k8s/ingress.yaml:")
        .contains("gets HTTP 403").contains("fix: set externalTrafficPolicy: Local");
  }

  static void copyTree(Path from, Path to) throws Exception {
    try (var walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dst = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
  }
}
