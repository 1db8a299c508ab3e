package io.github.aksreach.core.solver;

import io.github.aksreach.core.internal.BoxIndex;
import io.github.aksreach.core.internal.BoxScan;
import io.github.aksreach.core.internal.Boxes;
import io.github.aksreach.core.internal.RangeSet128;
import io.github.aksreach.core.match.BoxEncoder;
import io.github.aksreach.core.match.ConcreteEvaluator;
import io.github.aksreach.core.match.MatchExpr;
import io.github.aksreach.core.match.SymbolicEncoder;
import io.github.aksreach.core.model.Field;
import io.github.aksreach.core.model.Flow;
import io.github.aksreach.core.model.FlowSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * First-match rules over the header as this hop sees it. Every flow takes the outcome of the first rule that matches
 * it, or {@link #otherwise()}.
 *
 * <pre>{@code
 * ElementKey nic = ElementKey.named("nic");
 * Classifier nsg = Classifier.of(ElementKey.named("nsg-user"), Origin.of(HopKind.named("NSG"), "nsg-user"), List.of(
 *         Classifier.Rule.of(RuleRef.of("AllowPodTraffic", 300), podsMatch, Outcome.next(nic, "allowed")),
 *         Classifier.Rule.of(RuleRef.of("DenyAllCustom", 4000), MatchExprs.TRUE,
 *             Outcome.drop("NSG", "denied").bypassingTo(nic))),
 *     Outcome.drop("NSG", "no rule matched"));
 * nsg.decide(flow);   // the index of the deciding rule, or -1 for otherwise
 * }</pre>
 *
 * <p>The first time it decides a flow the classifier compiles its rules into a packet-classification index (one
 * binary search per field and an AND of bit sets), so deciding one flow does not scan the rules. Symbolic
 * partitioning walks the rules in order over the part of the space still undecided, stopping when it is empty.
 */
public final class Classifier implements Element {
  private final ElementKey key;
  private final Origin origin;
  /** The rules as first built: matches and refs are shared by every retargeted copy. */
  private final List<Rule> baseRules;
  /** How this copy renames the targets of {@link #baseRules}' outcomes; null for none. */
  private final UnaryOperator<ElementKey> targets;
  private final Outcome otherwise;
  private final Compiled compiled;
  /** The rules with renamed targets, materialized on the first call of {@link #rules()}. */
  private volatile List<Rule> rules;
  /** Renamed outcomes, one per rule, made when the solver first takes a rule. */
  private volatile Outcome[] outcomes;

  /** Compiled forms of the rules' matches, shared by every retargeted copy of a classifier. */
  private static final class Compiled {
    volatile BoxIndex index;
    /** The rules' boxes, scanned for the first {@link #SCANS} decisions, before {@link #index} is built. */
    volatile BoxScan scan;
    /**
     * Decisions made by scanning; plain, counted loosely across threads (a lost count only builds the index a
     * decision later), since it chooses when to build the index and nothing else.
     */
    int scans;
    volatile FlowSpace[] ruleSpaces;
    volatile Optional<RuleRef>[] refs;
  }

  /**
   * One rule.
   *
   * @param ref what the user calls the rule
   * @param match the flows it matches (as this hop sees them)
   * @param outcome what happens to them
   */
  public record Rule(RuleRef ref, MatchExpr match, Outcome outcome) {
    public static Rule of(RuleRef ref, MatchExpr match, Outcome outcome) {
      return new Rule(ref, match, outcome);
    }
  }

  private Classifier(ElementKey key, Origin origin, List<Rule> rules, Outcome otherwise) {
    this(key, origin, List.copyOf(rules), null, otherwise, new Compiled());
  }

  private Classifier(ElementKey key, Origin origin, List<Rule> baseRules, UnaryOperator<ElementKey> targets,
                     Outcome otherwise, Compiled compiled) {
    this.compiled = compiled;
    this.key = Objects.requireNonNull(key);
    this.origin = Objects.requireNonNull(origin);
    this.baseRules = baseRules;
    this.targets = targets;
    this.rules = targets == null ? baseRules : null;
    this.otherwise = Objects.requireNonNull(otherwise);
  }

  public static Classifier of(ElementKey key, Origin origin, List<Rule> rules, Outcome otherwise) {
    return new Classifier(key, origin, rules, otherwise);
  }

  /** A classifier with a named key and a described origin (hand-built graphs). */
  public static Classifier of(String key, String label, String kind, List<Rule> rules, Outcome otherwise) {
    return new Classifier(ElementKey.named(key), Origin.of(HopKind.named(kind), label), rules, otherwise);
  }

  @Override
  public ElementKey key() {
    return key;
  }

  @Override
  public Origin origin() {
    return origin;
  }

  /** The rules, in order, with their outcomes' targets as this copy names them. */
  public List<Rule> rules() {
    List<Rule> rs = rules;
    if (rs == null) {
      List<Rule> out = new ArrayList<>(baseRules.size());
      for (int i = 0; i < baseRules.size(); i++) {
        Rule r = baseRules.get(i);
        out.add(new Rule(r.ref(), r.match(), outcome(i)));
      }
      rs = List.copyOf(out);
      rules = rs;
    }
    return rs;
  }

  /** The number of rules. */
  public int size() {
    return baseRules.size();
  }

  /** What the user calls rule {@code i}. */
  public RuleRef ruleRef(int i) {
    return baseRules.get(i).ref();
  }

  /** {@link #ruleRef}, or empty for -1 ({@link #otherwise()}); the optionals are made once and shared by copies. */
  Optional<RuleRef> ruleRefIfAny(int i) {
    if (i < 0) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Optional<RuleRef>[] refs = compiled.refs;
    if (refs == null) {
      refs = new Optional[baseRules.size()];
      compiled.refs = refs;
    }
    Optional<RuleRef> r = refs[i];
    if (r == null) {
      r = Optional.of(baseRules.get(i).ref());
      refs[i] = r;
    }
    return r;
  }

  public Outcome otherwise() {
    return otherwise;
  }

  /**
   * The same rules under another key, with every target renamed by {@code targets} (next targets and explain-mode
   * bypasses). The copy shares this classifier's compiled index, so one NSG compiled once can guard many hops of a
   * graph.
   */
  public Classifier retargeted(ElementKey newKey, UnaryOperator<ElementKey> targets) {
    return retargeted(newKey, origin, targets);
  }

  /** {@link #retargeted(ElementKey, UnaryOperator)}, with another origin (the same rules at another hop). */
  public Classifier retargeted(ElementKey newKey, Origin newOrigin, UnaryOperator<ElementKey> targets) {
    // the renaming is composed, not applied: a copy costs O(1) and renames a rule's target when it is first taken
    UnaryOperator<ElementKey> mine = this.targets;
    UnaryOperator<ElementKey> composed = mine == null ? targets : t -> targets.apply(mine.apply(t));
    return new Classifier(newKey, newOrigin, baseRules, composed, retarget(otherwise, targets), compiled);
  }

  /** The same classifier under another key (the element another path names), sharing its compiled index. */
  public Classifier rekeyed(ElementKey newKey) {
    return new Classifier(newKey, origin, baseRules, targets, otherwise, compiled);
  }

  private static Outcome retarget(Outcome o, UnaryOperator<ElementKey> targets) {
    if (o instanceof Outcome.Next) {
      Outcome.Next n = (Outcome.Next) o;
      return new Outcome.Next(targets.apply(n.target()), n.decision());
    }
    Outcome.Drop d = (Outcome.Drop) o;
    return new Outcome.Drop(d.kind(), d.reason(), d.status(), d.bypassTo().map(targets));
  }

  /** The outcome of rule {@code i}, or {@link #otherwise()} for -1. */
  public Outcome outcome(int i) {
    if (i < 0) {
      return otherwise;
    }
    if (targets == null) {
      return baseRules.get(i).outcome();
    }
    Outcome[] os = outcomes;
    if (os == null) {
      os = new Outcome[baseRules.size()];
      outcomes = os;
    }
    Outcome o = os[i];
    if (o == null) {
      o = retarget(baseRules.get(i).outcome(), targets);
      os[i] = o;
    }
    return o;
  }

  /** The exact set of headers rule {@code i} matches (computed once, lazily). */
  public FlowSpace ruleSpace(int i) {
    FlowSpace[] spaces = compiled.ruleSpaces;
    if (spaces == null) {
      spaces = new FlowSpace[baseRules.size()];
      compiled.ruleSpaces = spaces;
    }
    FlowSpace s = spaces[i];
    if (s == null) {
      s = SymbolicEncoder.encode(baseRules.get(i).match());
      spaces[i] = s;
    }
    return s;
  }

  /**
   * How many decisions a classifier makes by scanning its boxes before it builds its index: a scan costs the number
   * of ranges, the index that times its logarithm and a set per interval, so a hop asked about one flow (a check from
   * outside, past a hop with a route per node) is not indexed, and one asked about many is.
   */
  static final int SCANS = 4;

  /** What decides points now: the scan for the first {@link #SCANS} decisions, the index from then on. */
  private Boxes boxes() {
    Compiled c = compiled;
    BoxIndex idx = c.index;
    if (idx != null) {
      return idx;
    }
    if (c.scans < SCANS) {
      c.scans++;
      return scan();
    }
    idx = scan().index();
    c.index = idx;
    return idx;
  }

  private BoxScan scan() {
    BoxScan sc = compiled.scan;
    if (sc == null) {
      List<List<RangeSet128[]>> boxes = new ArrayList<>(baseRules.size());
      for (Rule r : baseRules) {
        boxes.add(BoxEncoder.encode(r.match()));
      }
      sc = BoxScan.of(boxes, Field.values().length);
      compiled.scan = sc;
    }
    return sc;
  }

  /** The index of the rule that decides {@code f} (as this hop sees it), or -1 for {@link #otherwise()}. */
  public int decide(Flow f) {
    return decideKeys(f.keys());
  }

  /** {@link #decide(Flow)} on a header given as keys ({@link Flow#keys()}). */
  int decideKeys(long[] keys) {
    return boxes().firstMatch(keys);
  }

  /**
   * {@link #decideKeys}, narrowing {@code box} (inclusive bounds per field, see {@link Boxes#narrow}) to the
   * headers this classifier decides the same way; fields in {@code skip} are not narrowed.
   */
  int decideKeys(long[] keys, long[] box, int skip) {
    Boxes b = boxes();
    b.narrow(keys, box, skip);
    return b.firstMatch(keys);
  }

  /** The same, by a linear scan of the rules: the reference semantics. */
  public int decideLinear(Flow f) {
    for (int i = 0; i < baseRules.size(); i++) {
      if (ConcreteEvaluator.matches(baseRules.get(i).match(), f)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Classifier[" + key + ", " + baseRules.size() + " rules]";
  }
}
