package io.github.aksreach.k8s.aks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** Reads a flow-log file (JSON blob or plain tuples). */
  public static Validation<Seq<ModelError>, List<Entry>> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return invalid(ModelError.of("cannot read the flow log: %s", e.toString()).at(file.toString(), ""));
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      JsonNode root;
      try {
        root = JSON.readTree(trimmed);
      } catch (IOException e) {
        return invalid(ModelError.of("not JSON: %s", e.getMessage().lines().findFirst().orElse("")).at(file.toString(), ""));
      }
      return fromJson(root, file.toString());
    }
    List<Entry> out = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "line " + (i + 1);
      Validation<ModelError, FlowLogTuple> t = FlowLogTuple.parse(line);
      if (t.isInvalid()) {
        errors.add(t.getError().at(file.toString(), where));
      } else {
        out.add(new Entry(Optional.empty(), Optional.empty(), line, t.get(), file + ": " + where));
      }
    }
    return result(out, errors, file.toString());
  }

  /** Reads the records of a flow-log blob already parsed; {@code file} names it in errors. */
  public static Validation<Seq<ModelError>, List<Entry>> fromJson(JsonNode root, String file) {
    List<Entry> out = new ArrayList<>();
    List<ModelError> errors = new ArrayList<>();
    JsonNode records = root.get("records");
    if (records == null || !records.isArray()) {
      return invalid(ModelError.of("no records array: expected an NSG or VNet flow-log blob ({\"records\": [...]})")
          .at(file, "records"));
    }
    for (int i = 0; i < records.size(); i++) {
      JsonNode rec = records.get(i);
      String at = "records[" + i + "]";
      if (!rec.isObject()) {
        errors.add(ModelError.of("a flow-log record must be an object").at(file, at));
      } else if (rec.has("properties")) {
        Optional<String> nsg = text(rec, "resourceId").map(id -> id.substring(id.lastIndexOf('/') + 1));
        List<JsonNode> flows = objects(rec.path("properties").path("flows"), file, at + ".properties.flows", errors);
        for (int j = 0; j < flows.size(); j++) {
          String fat = at + ".properties.flows[" + j + "]";
          Optional<String> rule = text(flows.get(j), "rule");
          List<JsonNode> inner = objects(flows.get(j).path("flows"), file, fat + ".flows", errors);
          for (int k = 0; k < inner.size(); k++) {
            tuples(inner.get(k).path("flowTuples"), nsg, rule, file, fat + ".flows[" + k + "].flowTuples", out,
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
            tuples(groups.get(k).path("flowTuples"), Optional.empty(), text(groups.get(k), "rule"), file,
                gat + ".flowTuples", out, errors);
          }
        }
      } else {
        errors.add(ModelError.of("neither an NSG flow-log record (properties.flows) nor a VNet flow-log record "
            + "(flowRecords.flows)").at(file, at));
      }
    }
    return result(out, errors, file);
  }

  /** The elements of an array of objects; anything else is an error at {@code at} (and yields nothing). */
  private static List<JsonNode> objects(JsonNode array, String file, String at, List<ModelError> errors) {
    if (!array.isArray()) {
      errors.add(ModelError.of("expected an array").at(file, at));
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).isObject()) {
        out.add(array.get(i));
      } else {
        errors.add(ModelError.of("expected an object").at(file, at + "[" + i + "]"));
      }
    }
    return out;
  }

  private static void tuples(JsonNode array, Optional<String> nsg, Optional<String> rule, String file, String at,
                             List<Entry> out, List<ModelError> errors) {
    if (!array.isArray()) {
      errors.add(ModelError.of("no flowTuples array").at(file, at));
      return;
    }
    for (int t = 0; t < array.size(); t++) {
      String where = at + "[" + t + "]";
      if (!array.get(t).isTextual()) {
        errors.add(ModelError.of("a flow-log tuple must be a string").at(file, where));
        continue;
      }
      String text = array.get(t).asText();
      Validation<ModelError, FlowLogTuple> parsed = FlowLogTuple.parse(text);
      if (parsed.isInvalid()) {
        errors.add(parsed.getError().at(file, where));
      } else {
        out.add(new Entry(nsg, rule, text, parsed.get(), file + ": " + where));
      }
    }
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
