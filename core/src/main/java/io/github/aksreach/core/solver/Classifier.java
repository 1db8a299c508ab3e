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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
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
 *
 * <p>Rules that only some flows reach can be made when the first such flow comes ({@link #of(ElementKey, Origin,
 * List, Supplier, Outcome)}): a flow decided by the rules before them, or a space those rules use up, never makes
 * them. The classifier is the same either way; only when its later rules are built differs.
 */
public final class Classifier implements Element {
  private final ElementKey key;
  private final Origin origin;
  /** How this copy renames the targets of {@link #baseRules}' outcomes; null for none. */
  private final UnaryOperator<ElementKey> targets;
  private final Outcome otherwise;
  private final Compiled compiled;
  /** The rules with renamed targets, materialized on the first call of {@link #rules()}. */
  private volatile List<Rule> rules;
  /** Renamed outcomes, one per rule, made when the solver first takes a rule. */
  private volatile Outcome[] outcomes;

  /**
   * The rules as first built (matches and refs) and their compiled forms, shared by every retargeted copy of a
   * classifier.
   */
  private static final class Compiled {
    /** The rules made at once. */
    final List<Rule> head;
    /** What makes the rules after {@link #head}; null when there are none or once they are made. */
    private volatile Supplier<List<Rule>> later;
    /** Every rule, once the later ones are made. */
    private volatile List<Rule> all;
    /** {@link #head}'s boxes, scanned while the later rules are not made. */
    volatile BoxScan headScan;
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

    Compiled(List<Rule> head, Supplier<List<Rule>> later) {
      this.head = head;
      this.later = later;
      this.all = later == null ? head : null;
    }

    /** Every rule, the later ones made on the first call. */
    List<Rule> all() {
      List<Rule> a = all;
      return a != null ? a : make();
    }

    /**
     * Makes the later rules outside any lock (what makes them may take its own graph's locks, and a thread holding
     * one may come here): two threads may both make them, alike, and the first to finish is kept.
     */
    private List<Rule> make() {
      Supplier<List<Rule>> l = later;
      if (l == null) {
        return all;   // made: all is written before later is cleared
      }
      List<Rule> more = l.get();
      List<Rule> a = new ArrayList<>(head.size() + more.size());
      a.addAll(head);
      a.addAll(more);
      synchronized (this) {
        if (all == null) {
          all = List.copyOf(a);
          later = null;
        }
        return all;
      }
    }

    boolean made() {
      return all != null;
    }
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

  private Classifier(ElementKey key, Origin origin, UnaryOperator<ElementKey> targets, Outcome otherwise,
                     Compiled compiled) {
    this.compiled = compiled;
    this.key = Objects.requireNonNull(key);
    this.origin = Objects.requireNonNull(origin);
    this.targets = targets;
    this.otherwise = Objects.requireNonNull(otherwise);
  }

  public static Classifier of(ElementKey key, Origin origin, List<Rule> rules, Outcome otherwise) {
    return new Classifier(key, origin, null, otherwise, new Compiled(List.copyOf(rules), null));
  }

  /**
   * The classifier of {@code rules} followed by the rules {@code later} makes when a flow (or a part of the space)
   * first passes all of {@code rules}, or when every rule is asked for ({@link #rules()}, {@link #size()}, ...): one
   * address rule per node behind the rules of a few load-balancer frontends, made only for flows to neither. Two
   * threads may both call {@code later} (one result is kept), so it must answer alike each time and change nothing;
   * one that throws is called again on the next need.
   *
   * <pre>{@code
   * Classifier routing = Classifier.of(key, origin, frontendRules, () -> addressRulePerNode(), noRoute);
   * routing.decide(toFrontend);   // a frontend rule: the per-node rules are not made
   * }</pre>
   */
  public static Classifier of(ElementKey key, Origin origin, List<Rule> rules, Supplier<List<Rule>> later,
      Outcome otherwise) {
    return new Classifier(key, origin, null, otherwise, new Compiled(List.copyOf(rules), Objects.requireNonNull(later)));
  }

  /** Every rule as first built (the later ones made now if they are not yet). */
  private List<Rule> baseRules() {
    return compiled.all();
  }

  /** Rule {@code i} as first built: one of the first rules without making the later ones. */
  private Rule baseRule(int i) {
    List<Rule> head = compiled.head;
    return i < head.size() ? head.get(i) : baseRules().get(i);
  }

  /**
   * How long a table of rule {@code i}'s cached values must be: the number of first rules while {@code i} is one of
   * them and the later ones are not made, else of every rule (tables grow when the later rules come).
   */
  private int tableLength(int i) {
    Compiled c = compiled;
    return i < c.head.size() && !c.made() ? c.head.size() : baseRules().size();
  }

  /** A classifier with a named key and a described origin (hand-built graphs). */
  public static Classifier of(String key, String label, String kind, List<Rule> rules, Outcome otherwise) {
    return of(ElementKey.named(key), Origin.of(HopKind.named(kind), label), rules, otherwise);
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
    if (rs == null && targets == null) {
      rs = baseRules();
      rules = rs;
    } else if (rs == null) {
      List<Rule> base = baseRules();
      List<Rule> out = new ArrayList<>(base.size());
      for (int i = 0; i < base.size(); i++) {
        Rule r = base.get(i);
        out.add(new Rule(r.ref(), r.match(), outcome(i)));
      }
      rs = List.copyOf(out);
      rules = rs;
    }
    return rs;
  }

  /** The number of rules. */
  public int size() {
    return baseRules().size();
  }

  /** Whether there is a rule {@code i}: the later rules are made only when {@code i} is past the first ones. */
  boolean hasRule(int i) {
    return i < compiled.head.size() || i < baseRules().size();
  }

  /** What the user calls rule {@code i}. */
  public RuleRef ruleRef(int i) {
    return baseRule(i).ref();
  }

  /** {@link #ruleRef}, or empty for -1 ({@link #otherwise()}); the optionals are made once and shared by copies. */
  Optional<RuleRef> ruleRefIfAny(int i) {
    if (i < 0) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Optional<RuleRef>[] refs = compiled.refs;
    if (refs == null || refs.length <= i) {
      refs = refs == null ? new Optional[tableLength(i)] : Arrays.copyOf(refs, tableLength(i));
      compiled.refs = refs;
    }
    Optional<RuleRef> r = refs[i];
    if (r == null) {
      r = Optional.of(baseRule(i).ref());
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
    return new Classifier(newKey, newOrigin, composed, retarget(otherwise, targets), compiled);
  }

  /** The same classifier under another key (the element another path names), sharing its compiled index. */
  public Classifier rekeyed(ElementKey newKey) {
    return new Classifier(newKey, origin, targets, otherwise, compiled);
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
      return baseRule(i).outcome();
    }
    Outcome[] os = outcomes;
    if (os == null || os.length <= i) {
      os = os == null ? new Outcome[tableLength(i)] : Arrays.copyOf(os, tableLength(i));
      outcomes = os;
    }
    Outcome o = os[i];
    if (o == null) {
      o = retarget(baseRule(i).outcome(), targets);
      os[i] = o;
    }
    return o;
  }

  /** The exact set of headers rule {@code i} matches (computed once, lazily). */
  public FlowSpace ruleSpace(int i) {
    FlowSpace[] spaces = compiled.ruleSpaces;
    if (spaces == null || spaces.length <= i) {
      spaces = spaces == null ? new FlowSpace[tableLength(i)] : Arrays.copyOf(spaces, tableLength(i));
      compiled.ruleSpaces = spaces;
    }
    FlowSpace s = spaces[i];
    if (s == null) {
      s = SymbolicEncoder.encode(baseRule(i).match());
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
      sc = scanOf(baseRules());
      compiled.scan = sc;
    }
    return sc;
  }

  private static BoxScan scanOf(List<Rule> rules) {
    List<List<RangeSet128[]>> boxes = new ArrayList<>(rules.size());
    for (Rule r : rules) {
      boxes.add(BoxEncoder.encode(r.match()));
    }
    return BoxScan.of(boxes, Field.values().length);
  }

  /**
   * The first rules' boxes while the later rules are not made, else null: a flow one of them decides is decided
   * without the later rules (they come after), and the cell they cut around it is decided alike.
   */
  private BoxScan headScan() {
    Compiled c = compiled;
    if (c.made()) {
      return null;
    }
    BoxScan sc = c.headScan;
    if (sc == null) {
      sc = scanOf(c.head);
      c.headScan = sc;
    }
    return sc;
  }

  /** The index of the rule that decides {@code f} (as this hop sees it), or -1 for {@link #otherwise()}. */
  public int decide(Flow f) {
    return decideKeys(f.keys());
  }

  /** {@link #decide(Flow)} on a header given as keys ({@link Flow#keys()}). */
  int decideKeys(long[] keys) {
    BoxScan head = headScan();
    if (head != null) {
      int r = head.firstMatch(keys);
      if (r >= 0) {
        return r;
      }
    }
    return boxes().firstMatch(keys);
  }

  /**
   * {@link #decideKeys}, narrowing {@code box} (inclusive bounds per field, see {@link Boxes#narrow}) to the
   * headers this classifier decides the same way; fields in {@code skip} are not narrowed.
   */
  int decideKeys(long[] keys, long[] box, int skip) {
    BoxScan head = headScan();
    if (head != null) {
      int r = head.firstMatch(keys);
      if (r >= 0) {
        head.narrow(keys, box, skip);
        return r;
      }
    }
    Boxes b = boxes();
    b.narrow(keys, box, skip);
    return b.firstMatch(keys);
  }

  /** The same, by a linear scan of the rules: the reference semantics. */
  public int decideLinear(Flow f) {
    List<Rule> base = baseRules();
    for (int i = 0; i < base.size(); i++) {
      if (ConcreteEvaluator.matches(base.get(i).match(), f)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "Classifier[" + key + ", " + (compiled.made() ? baseRules().size() + " rules]"
        : compiled.head.size() + " rules and more not made yet]");
  }
}
