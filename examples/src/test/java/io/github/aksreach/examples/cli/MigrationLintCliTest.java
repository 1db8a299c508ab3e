package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.check.Check;
import io.github.aksreach.examples.cli.CliTest.Run;
import io.github.aksreach.k8s.checks.MigrationChecks;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The migration checks (issue 11) through {@code aksreach lint}, on the catalog's scenario pairs
 * ({@code k8s-model/src/test/resources/checks/<id>/{violating,fixed}}): the violating scenario fails
 * {@code --fail-on warning} with a finding of that id, the fixed one passes.
 */
class MigrationLintCliTest {
  private static final Path CHECKS = Path.of("").toAbsolutePath().getParent()
      .resolve("k8s-model/src/test/resources/checks");

  static Stream<String> ids() {
    return MigrationChecks.all().stream().map(Check::id);
  }

  @ParameterizedTest(name = "lint --check {0}")
  @MethodSource("ids")
  void violatingFailsAndFixedPasses(String id) throws Exception {
    Run bad = CliTest.run("lint", CHECKS.resolve(id + "/violating").toString(), "--check", id, "--format", "json",
        "--fail-on", "warning");
    assertThat(bad.exit()).as(bad.err()).isEqualTo(Main.FINDINGS);
    JsonNode findings = bad.json().at("/findings");
    assertThat(findings).isNotEmpty();
    for (JsonNode f : findings) {
      assertThat(f.at("/id").asText()).isEqualTo(id);
      assertThat(f.at("/fix").asText()).isNotEmpty();
    }
    Run good = CliTest.run("lint", CHECKS.resolve(id + "/fixed").toString(), "--check", id, "--format", "json",
        "--fail-on", "warning");
    assertThat(good.exit()).as(good.out() + good.err()).isZero();
    assertThat(good.json().at("/findings")).isEmpty();
  }
}
