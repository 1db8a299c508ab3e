package io.github.aksreach.nsg;

import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.nsg.eval.NsgDecision;
import io.github.aksreach.nsg.eval.NsgVerdict;
import io.github.aksreach.nsg.load.LoadResult;
import io.github.aksreach.nsg.model.NsgPosition;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Domain assertions for NSG verdicts and load results, shared with later modules through the test-jar.
 *
 * <pre>{@code
 * assertThat(eval.evaluate(nic, Direction.INBOUND, flow)).isDeniedBy("nsg-user", "DenyAllCustom", 4000)
 *     .at(NsgPosition.SUBNET);
 * assertThat(AzureLoader.parse("x.json", json)).hasError("x.json", "$[0].securityRules[0].priority", "out of range");
 * }</pre>
 */
public final class NsgAssertions {
  private NsgAssertions() {}

  public static VerdictAssert assertThat(NsgVerdict actual) {
    return new VerdictAssert(actual);
  }

  public static LoadAssert assertThat(LoadResult actual) {
    return new LoadAssert(actual);
  }

  /** Assertions on an {@link NsgVerdict}. */
  public static final class VerdictAssert extends AbstractAssert<VerdictAssert, NsgVerdict> {
    VerdictAssert(NsgVerdict actual) {
      super(actual, VerdictAssert.class);
    }

    public VerdictAssert isAllowed() {
      isNotNull();
      if (!actual.allowed()) {
        failWithMessage("expected the flow to be allowed, but it was %s", actual.reason());
      }
      return this;
    }

    /** Allowed, and the last NSG consulted allowed it with this rule. */
    public VerdictAssert isAllowedBy(String nsg, String rule, int priority) {
      isAllowed();
      return decidedBy(nsg, rule, priority);
    }

    public VerdictAssert isDeniedBy(String nsg, String rule, int priority) {
      isNotNull();
      if (actual.allowed()) {
        failWithMessage("expected the flow to be denied by %s rule %s (%d), but it was %s", nsg, rule, priority,
            actual.reason());
      }
      return decidedBy(nsg, rule, priority);
    }

    private VerdictAssert decidedBy(String nsg, String rule, int priority) {
      NsgDecision d = actual.decidingDecision().orElse(null);
      if (d == null || !d.nsgName().equals(nsg) || !d.ruleName().equals(rule) || d.priority() != priority) {
        failWithMessage("expected the decision of %s rule %s (%d), but it was %s", nsg, rule, priority,
            actual.reason());
      }
      return this;
    }

    /** The deciding NSG sat at {@code p}. */
    public VerdictAssert at(NsgPosition p) {
      NsgDecision d = actual.decidingDecision().orElse(null);
      if (d == null || d.position() != p) {
        failWithMessage("expected the decision at the %s NSG, but it was %s", p.label(), actual.reason());
      }
      return this;
    }
  }

  /** Assertions on a {@link LoadResult}. */
  public static final class LoadAssert extends AbstractAssert<LoadAssert, LoadResult> {
    LoadAssert(LoadResult actual) {
      super(actual, LoadAssert.class);
    }

    public LoadAssert isValid() {
      isNotNull();
      if (!actual.isValid()) {
        failWithMessage("expected no load error, but got:%n%s", list());
      }
      return this;
    }

    public LoadAssert isInvalid() {
      isNotNull();
      if (actual.isValid()) {
        failWithMessage("expected load errors, but there were none");
      }
      return this;
    }

    /** An error in {@code file} at exactly {@code path} whose message contains {@code text}. */
    public LoadAssert hasError(String file, String path, String text) {
      isNotNull();
      boolean found = actual.errors().stream().anyMatch(e -> e.file().equals(file) && e.path().equals(path)
          && e.message().contains(text));
      if (!found) {
        failWithMessage("expected an error at %s: %s containing '%s', but the errors were:%n%s", file, path, text,
            list());
      }
      return this;
    }

    /** A note whose message contains {@code text}. */
    public LoadAssert hasNote(String text) {
      isNotNull();
      if (actual.notes().stream().noneMatch(e -> e.toString().contains(text))) {
        failWithMessage("expected a note containing '%s', but the notes were:%n%s", text,
            actual.notes().stream().map(ModelError::toString).collect(Collectors.joining("\n")));
      }
      return this;
    }

    public LoadAssert hasErrorCount(int n) {
      isNotNull();
      if (actual.errors().size() != n) {
        failWithMessage("expected %d errors, but got %d:%n%s", n, actual.errors().size(), list());
      }
      return this;
    }

    private String list() {
      return actual.errors().stream().map(ModelError::toString).collect(Collectors.joining("\n"));
    }
  }
}
