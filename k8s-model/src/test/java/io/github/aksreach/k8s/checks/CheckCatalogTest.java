package io.github.aksreach.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.check.Check;
import io.github.aksreach.core.check.CheckResult;
import io.github.aksreach.core.check.Finding;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in check fires on the scenario that violates it and stays quiet on the fixed one
 * ({@code src/test/resources/checks/<id>/{violating,fixed}}, made from the lab by
 * {@code src/test/scripts/make_check_scenarios.py}). A check without such a pair, or one that cannot fail, is a
 * defect.
 */
class CheckCatalogTest {
  static Path dir(String id, String variant) {
    try {
      return Path.of(CheckCatalogTest.class.getResource("/checks/" + id + "/" + variant).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no scenario checks/" + id + "/" + variant, e);
    }
  }

  static CheckContext load(Path p) {
    var v = CheckContext.load(p);
    if (v.isInvalid()) {
      throw new IllegalStateException(p + ": " + v.getError().mkString("; "));
    }
    return v.get();
  }

  static Stream<String> ids() {
    return AksChecks.all().stream().map(Check::id);
  }

  @ParameterizedTest(name = "{0} fires on violating")
  @MethodSource("ids")
  void firesOnTheViolatingScenario(String id) {
    Check<CheckContext> c = AksChecks.byId(id).orElseThrow();
    CheckResult r = c.evaluate(load(dir(id, "violating")));
    assertThat(r.findings()).as(id + " on violating").isNotEmpty();
    for (Finding f : r.findings()) {
      assertThat(f.checkId()).isEqualTo(id);
      assertThat(f.message()).doesNotContain("could not be evaluated");
      assertThat(f.fix()).as("fix of " + f.message()).isNotEmpty();
      assertThat(f.location()).as("location of " + f.message()).isPresent();
    }
  }

  @ParameterizedTest(name = "{0} is quiet on fixed")
  @MethodSource("ids")
  void isQuietOnTheFixedScenario(String id) {
    Check<CheckContext> c = AksChecks.byId(id).orElseThrow();
    CheckResult r = c.evaluate(load(dir(id, "fixed")));
    assertThat(r.findings()).as(r.failureReport()).isEmpty();
  }

  @Test
  void everyCheckHasAScenarioPairAndAUniqueId() throws Exception {
    List<String> ids = ids().collect(Collectors.toList());
    assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(20);
    for (String id : ids) {
      assertThat(Files.isDirectory(dir(id, "violating"))).isTrue();
      assertThat(Files.isDirectory(dir(id, "fixed"))).isTrue();
    }
    try (Stream<Path> s = Files.list(dir(ids.get(0), "violating").getParent().getParent())) {
      assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .as("scenario directories without a check").allMatch(ids::contains);
    }
  }
}
