package io.github.aksreach.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress line: only on a terminal, never in the first second, at most five updates a second, cleared. */
class ProgressTest {
  private final StringWriter err = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private Progress progress(boolean terminal) {
    return new Progress(new PrintWriter(err, true), now::get, terminal);
  }

  @Test
  void aTerminalSeesPhasesAndStepsThrottledAndTheLineIsClearedAtTheEnd() {
    Progress p = progress(true);
    p.phase("loading big-cluster");
    p.step("check", 1, 31);
    assertThat(err.toString()).as("nothing in the first second").isEmpty();
    now.set(1_100_000_000L);
    p.step("check", 2, 31);
    now.addAndGet(50_000_000L);
    p.step("check", 3, 31);
    now.addAndGet(300_000_000L);
    p.step("check", 4, 31);
    p.done();
    String shown = err.toString();
    assertThat(shown).contains("\raksreach: loading big-cluster: check 2 of 31")
        .doesNotContain("check 3 of 31").contains("check 4 of 31");
    assertThat(shown).endsWith("\r");
    assertThat(shown.substring(shown.lastIndexOf("31") + 2)).isBlank();
  }

  @Test
  void notATerminalSeesNothing() {
    Progress p = progress(false);
    now.set(5_000_000_000L);
    p.phase("lint");
    p.step("check", 2, 31);
    p.count("tuples explained:", 1_000_000);
    p.done();
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void controlCharactersAndLongPathsNeverReachTheTerminalRaw() {
    Progress p = progress(true);
    now.set(2_000_000_000L);
    p.phase("loading /tmp/\u001b[31mred/" + "x".repeat(200));
    String shown = err.toString();
    assertThat(shown).doesNotContain("\u001b").contains("?[31mred");
    assertThat(shown.strip().length()).isLessThanOrEqualTo(100);
  }

  @Test
  void theSettingDecidesWhenGivenElseTheConsole() {
    assertThat(Progress.onTerminal("1", false)).isTrue();
    assertThat(Progress.onTerminal("0", true)).isFalse();
    assertThat(Progress.onTerminal(null, true)).isTrue();
    assertThat(Progress.onTerminal("", false)).isFalse();
  }
}
