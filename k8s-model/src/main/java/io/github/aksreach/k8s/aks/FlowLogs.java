package io.github.aksreach.k8s.aks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.github.aksreach.core.model.Validated;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads flow logs (DOMAIN.md 7): an NSG flow-log blob ({@code PT1H.json}: {@code records[].resourceId} names the NSG,
 * {@code properties.flows[].rule} the rule, {@code flows[].flowTuples[]} the tuples), a VNet flow-log blob
 * ({@code records[].flowRecords.flows[].aclID}, {@code flowGroups[].rule}, {@code flowTuples[]}), or plain text with one
 * tuple per line. Every tuple is kept, with the NSG and rule that logged it and where it was read.
 *
 * <pre>{@code
 * Validation<Seq<ModelError>, List<FlowLogs.Entry>> log = FlowLogs.load(Path.of("PT1H.json"));
 * log.get().get(0).nsg();     // Optional[nsg-user]
 * log.get().get(0).rule();    // Optional[UserRule_DenyAllCustom]
 * log.get().get(0).tuple();   // 1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B
 * }</pre>
 *
 * <p>Bad input is reported, never skipped: each error names the file and the JSON path of the tuple or field.
 */
public final class FlowLogs {
  private FlowLogs() {}

  /**
   * One logged tuple.
   *
   * <pre>{@code
   * entry.ruleName();   // Optional[DenyAllCustom]: the rule without its UserRule_/DefaultRule_ prefix
   * }</pre>
   *
   * @param nsg the NSG that logged it (the last segment of the record's {@code resourceId}, which flow logs write in
   *     upper case: compare names ignoring case); empty for VNet flow logs (their {@code aclID} is a GUID) and for
   *     plain text
   * @param rule the rule as logged ({@code UserRule_<name>} or {@code DefaultRule_<name>}), if logged
   * @param text the tuple as logged
   * @param tuple the parsed tuple
   * @param where the file and JSON path (or line) it was read from
   */
  public record Entry(Optional<String> nsg, Optional<String> rule, String text, FlowLogTuple tuple, String where) {
    /** The rule's name without the {@code UserRule_} or {@code DefaultRule_} prefix. */
    public Optional<String> ruleName() {
      return rule.map(r -> r.startsWith("UserRule_") ? r.substring("UserRule_".length())
          : r.startsWith("DefaultRule_") ? r.substring("DefaultRule_".length()) : r);
    }
  }

  /**
   * Reads a flow-log file (JSON blob or plain tuples) into memory. For large logs use {@link #scan} and
   * {@link #forEach}, which hold one record at a time.
   */
  public static Validated<List<Entry>> load(Path file) {
    List<Entry> out = new ArrayList<>();
    return forEach(file, out::add).map(n -> List.copyOf(out));
  }

  /**
   * Reads a whole flow-log file and keeps nothing: the number of tuples, or every problem (the first
   * {@value FlowLogReader#MAX_ERRORS}, then how many more). Memory does not grow with the number of tuples.
   *
   * <pre>{@code
   * FlowLogs.scan(Path.of("PT1H.json"));   // Valid(1000000), or Invalid([... records[3].properties.flows[0] ...])
   * }</pre>
   */
  public static Validated<Long> scan(Path file) {
    return scan(file, ReadLimits.defaults());
  }

  /** {@link #scan(Path)} holding at most {@link ReadLimits#maxFlowLogRecordValues()} values of one record. */
  public static Validated<Long> scan(Path file, ReadLimits limits) {
    long n = new FlowLogFastReader(file, null, limits.maxFlowLogRecordValues()).read();
    if (n != FlowLogFastReader.UNKNOWN) {
      return Validated.valid(n);
    }
    return Validated.of(new FlowLogReader(file, null, limits.maxFlowLogRecordValues()).read());
  }

  /**
   * Reads a flow-log file in one pass and gives each tuple to {@code sink} as it is read, in file order; the number
   * of tuples, or every problem. Tuples before a problem have been given to the sink: call {@link #scan} first when
   * nothing may be acted on unless the whole file is good. Accepted: an NSG or VNet flow-log blob, a top-level array
   * of blobs, several blobs one after the other (JSON Lines), with or without a UTF-8 BOM, with {@code //},
   * {@code /* *}{@code /} or {@code #} comments; or plain text, one tuple per line ({@code #} comments). Duplicate
   * keys are refused naming both places. Devices, FIFOs and directories are refused before anything is read.
   * Memory is bounded by the largest record, not by the number of tuples, and a record of more than
   * {@link ReadLimits#maxFlowLogRecordValues()} values ({@link ReadLimits#defaults()}) is refused and skipped.
   * Blobs in their common shape (strict JSON, plain tuples) are read by a byte scanner that makes no JSON tree;
   * anything else, and every problem, is read and worded by the full reader, with the same result.
   */
  public static Validated<Long> forEach(Path file, Consumer<Entry> sink) {
    return forEach(file, ReadLimits.defaults(), sink);
  }

  /**
   * {@link #forEach(Path, Consumer)} holding at most {@link ReadLimits#maxFlowLogRecordValues()} values of one record.
   */
  public static Validated<Long> forEach(Path file, ReadLimits limits, Consumer<Entry> sink) {
    FlowLogFastReader fast = new FlowLogFastReader(file, sink, limits.maxFlowLogRecordValues());
    long n = fast.read();
    if (n != FlowLogFastReader.UNKNOWN) {
      return Validated.valid(n);
    }
    // the full reader gives first the entries the fast path already gave (its records were good): not twice
    long given = fast.given();
    Consumer<Entry> rest = given == 0 ? sink : new Consumer<>() {
      private long skipped;

      @Override
      public void accept(Entry e) {
        if (skipped < given) {
          skipped++;
        } else {
          sink.accept(e);
        }
      }
    };
    return Validated.of(new FlowLogReader(file, rest, limits.maxFlowLogRecordValues()).read());
  }

  /** Reads the records of a flow-log blob already parsed; {@code file} names it in errors. */
  static Validation<Seq<ModelError>, List<Entry>> fromJson(JsonNode root, String file) {
    List<Entry> out = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    JsonNode records = root.get("records");
    if (records == null || !records.isArray()) {
      return invalid(ModelError.of("no records array: expected an NSG or VNet flow-log blob ({\"records\": [...]})")
          .at(file, "records"));
    }
    for (int i = 0; i < records.size(); i++) {
      record(records.get(i), file, "records[" + i + "]", IpAddress::parse, out::add, errors::add);
    }
    return result(out, errors, file);
  }

  /**
   * The tuples of one record of a blob ({@code at} its JSON path), to {@code sink} (null: only checked); problems to
   * {@code errors}. Returns the number of good tuples.
   */
  static long record(JsonNode rec, String file, String at, Function<String, Validation<ModelError, IpAddress>> ips,
                     Consumer<Entry> sink, Consumer<ModelError> errors) {
    long n = 0;
    if (!rec.isObject()) {
      errors.accept(ModelError.of("a flow-log record must be an object").at(file, at));
    } else if (rec.has("properties")) {
      Optional<String> nsg = text(rec, "resourceId").map(id -> id.substring(id.lastIndexOf('/') + 1));
      List<JsonNode> flows = objects(rec.path("properties").path("flows"), file, at + ".properties.flows", errors);
      for (int j = 0; j < flows.size(); j++) {
        String fat = at + ".properties.flows[" + j + "]";
        Optional<String> rule = text(flows.get(j), "rule");
        List<JsonNode> inner = objects(flows.get(j).path("flows"), file, fat + ".flows", errors);
        for (int k = 0; k < inner.size(); k++) {
          n += tuples(inner.get(k).path("flowTuples"), nsg, rule, file, fat + ".flows[" + k + "].flowTuples", ips, sink,
              errors);
        }
      }
    } else if (rec.has("flowRecords")) {
      List<JsonNode> flows = objects(rec.path("flowRecords").path("flows"), file, at + ".flowRecords.flows",
          errors);
      for (int j = 0; j < flows.size(); j++) {
        String fat = at + ".flowRecords.flows[" + j + "]";
        List<JsonNode> groups = objects(flows.get(j).path("flowGroups"), file, fat + ".flowGroups", errors);
        for (int k = 0; k < groups.size(); k++) {
          String gat = fat + ".flowGroups[" + k + "]";
          n += tuples(groups.get(k).path("flowTuples"), Optional.empty(), text(groups.get(k), "rule"), file,
              gat + ".flowTuples", ips, sink, errors);
        }
      }
    } else {
      errors.accept(ModelError.of("neither an NSG flow-log record (properties.flows) nor a VNet flow-log record "
          + "(flowRecords.flows)").at(file, at));
    }
    return n;
  }

  /** The elements of an array of objects; anything else is an error at {@code at} (and yields nothing). */
  private static List<JsonNode> objects(JsonNode array, String file, String at, Consumer<ModelError> errors) {
    if (!array.isArray()) {
      errors.accept(ModelError.of("expected an array").at(file, at));
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).isObject()) {
        out.add(array.get(i));
      } else {
        errors.accept(ModelError.of("expected an object").at(file, at + "[" + i + "]"));
      }
    }
    return out;
  }

  private static int tuples(JsonNode array, Optional<String> nsg, Optional<String> rule, String file, String at,
                             Function<String, Validation<ModelError, IpAddress>> ips, Consumer<Entry> sink,
                             Consumer<ModelError> errors) {
    if (!array.isArray()) {
      errors.accept(ModelError.of("no flowTuples array").at(file, at));
      return 0;
    }
    int n = 0;
    String where = file + ": " + at + "[";
    for (int t = 0; t < array.size(); t++) {
      if (!array.get(t).isTextual()) {
        errors.accept(ModelError.of("a flow-log tuple must be a string").at(file, at + "[" + t + "]"));
        continue;
      }
      String text = array.get(t).asText();
      Validation<ModelError, FlowLogTuple> parsed = FlowLogTuple.parse(text, ips);
      if (parsed.isInvalid()) {
        errors.accept(parsed.getError().at(file, at + "[" + t + "]"));
      } else {
        n++;
        if (sink != null) {
          sink.accept(new Entry(nsg, rule, text, parsed.get(),
              new StringBuilder(where.length() + 8).append(where).append(t).append(']').toString()));
        }
      }
    }
    return n;
  }

  private static Optional<String> text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || !v.isValueNode() || v.isNull() || v.asText().isEmpty() ? Optional.empty()
        : Optional.of(v.asText());
  }

  private static Validation<Seq<ModelError>, List<Entry>> result(List<Entry> out, List<ModelError> errors,
                                                                 String file) {
    if (!errors.isEmpty()) {
      return Validation.invalid(io.vavr.collection.List.ofAll(errors));
    }
    if (out.isEmpty()) {
      return invalid(ModelError.of("no flow-log tuple found").at(file, ""));
    }
    return Validation.valid(List.copyOf(out));
  }

  private static Validation<Seq<ModelError>, List<Entry>> invalid(ModelError e) {
    return Validation.invalid(io.vavr.collection.List.of(e));
  }
}
