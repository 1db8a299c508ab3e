package io.github.aksreach.k8s.aks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.aksreach.core.input.LineReader;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.IpAddress;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one-pass reader behind {@link FlowLogs#forEach}: JSON blobs are walked with a streaming parser and only one
 * record at a time becomes a tree; plain text is read line by line. Problems are collected (the first
 * {@value #MAX_ERRORS} named, the rest counted), so memory does not grow with the size of the file.
 *
 * <pre>{@code
 * new FlowLogReader(Path.of("PT1H.json"), entry -> { }, 2_000_000).read();   // Valid(tuples) or Invalid(problems)
 * }</pre>
 */
final class FlowLogReader {
  /** Problems named one by one; beyond that they are counted in one last line. */
  static final int MAX_ERRORS = 100;

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
      .build();
  private static final int PEEK = 1 << 16;
  /** The longest line of a plain-text log read: a tuple has some 60 characters, a file of one huge line is refused. */
  static final int MAX_LINE = 1 << 16;
  private static final int ADDRESS_CACHE = 1 << 16;

  /** A record over the limit, thrown out of {@link #tree} and caught where the record started. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super(null, null, false, false);
    }
  }

  private final long maxRecordNodes;
  private long nodes;
  private final Path file;
  private final String name;
  private final Consumer<FlowLogs.Entry> entries;
  private final boolean checkOnly;
  private final Map<String, Validation<ModelError, IpAddress>> addresses = new HashMap<>();
  private final List<ModelError> errors = new ArrayList<>();
  private long moreErrors;
  private long tuples;

  /**
   * Reads {@code file}, giving each tuple to {@code sink} (a null sink only checks and counts the tuples), holding at
   * most {@code maxRecordNodes} values of one record ({@link ReadLimits#maxFlowLogRecordValues()}: a record is one
   * minute of one NSG or VNet, a few thousand tuples when busy).
   */
  FlowLogReader(Path file, Consumer<FlowLogs.Entry> sink, long maxRecordNodes) {
    this.maxRecordNodes = maxRecordNodes;
    this.file = file;
    this.name = file.toString();
    this.entries = sink == null ? e -> { } : sink;
    this.checkOnly = sink == null;
  }

  /** An address as {@link IpAddress#parse} reads it, from a bounded cache: a log repeats few addresses. */
  private Validation<ModelError, IpAddress> address(String text) {
    Validation<ModelError, IpAddress> v = addresses.get(text);
    if (v == null) {
      if (addresses.size() >= ADDRESS_CACHE) {
        addresses.clear();
      }
      v = IpAddress.parse(text);
      addresses.put(text, v);
    }
    return v;
  }

  Validation<Seq<ModelError>, Long> read() {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      return invalid(ModelError.of("not a regular file: a flow log is read from a file (directories, devices and "
          + "FIFOs are refused)").at(name, ""));
    }
    try (InputStream raw = Files.newInputStream(file); BufferedInputStream in = new BufferedInputStream(raw, PEEK)) {
      if (looksLikeJson(in)) {
        json(in);
      } else {
        text(in);
      }
    } catch (NoSuchFileException e) {
      return invalid(ModelError.of("cannot read the flow log: no such file").at(name, ""));
    } catch (CharacterCodingException e) {
      error(ModelError.of("cannot read the flow log: not UTF-8 text (%s)", e.getClass().getSimpleName()).at(name,
          ""));
    } catch (IOException e) {
      error(ModelError.of("cannot read the flow log: %s", e.toString()).at(name, ""));
    }
    if (!errors.isEmpty()) {
      List<ModelError> all = new ArrayList<>(errors);
      if (moreErrors > 0) {
        all.add(ModelError.of("... and %d more problems", moreErrors).at(name, ""));
      }
      return Validation.invalid(io.vavr.collection.List.ofAll(all));
    }
    if (tuples == 0) {
      return invalid(ModelError.of("no flow-log tuple found").at(name, ""));
    }
    return Validation.valid(tuples);
  }

  /** After an optional UTF-8 BOM, blank space and comment lines: a blob starts with '{' or '[' or a comment. */
  private static boolean looksLikeJson(BufferedInputStream in) throws IOException {
    in.mark(PEEK);
    try {
      byte[] head = in.readNBytes(PEEK);
      int i = 0;
      if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
        i = 3;
      }
      while (i < head.length) {
        byte b = head[i];
        if (b == '#') {
          while (i < head.length && head[i] != '\n') {
            i++;
          }
        } else if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
          i++;
        } else {
          return b == '{' || b == '[' || b == '/';
        }
      }
      return false;
    } finally {
      in.reset();
    }
  }

  private void text(InputStream in) throws IOException {
    LineReader r = new LineReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), MAX_LINE);
    String line;
    while ((line = nextLine(r)) != null) {
      long n = r.lineNumber();
      if (n == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Validation<ModelError, FlowLogTuple> parsed = FlowLogTuple.parse(t, this::address);
      if (parsed.isInvalid()) {
        error(parsed.getError().at(name, "line " + n));
      } else {
        tuples++;
        if (!checkOnly) {
          entries.accept(new FlowLogs.Entry(Optional.empty(), Optional.empty(), t, parsed.get(), name + ": line " + n));
        }
      }
    }
  }

  /** The next line; a line over {@link #MAX_LINE} is a problem, and nothing after it is read. */
  private String nextLine(LineReader r) throws IOException {
    try {
      return r.readLine();
    } catch (LineReader.TooLong e) {
      error(ModelError.of("longer than %d characters: not a flow-log tuple; nothing after it is read", MAX_LINE)
          .at(name, "line " + e.line()));
      return null;
    }
  }

  /** One blob, an array of blobs, or blobs one after the other (JSON Lines). */
  private void json(InputStream in) throws IOException {
    try (JsonParser p = JSON.createParser(in)) {
      int document = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        document++;
        String prefix = document == 1 ? "" : "document " + document + ": ";
        if (t == JsonToken.START_OBJECT) {
          blob(p, prefix);
        } else if (t == JsonToken.START_ARRAY) {
          int i = 0;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
              blob(p, prefix + "[" + i + "].");
            } else {
              error(ModelError.of("expected a flow-log blob ({\"records\": [...]})").at(name, prefix + "[" + i + "]"));
              p.skipChildren();
            }
            i++;
          }
        } else {
          error(ModelError.of("expected a flow-log blob ({\"records\": [...]}) or an array of blobs, found %s",
              t.asString() == null ? t.name() : t.asString()).at(name, prefix.isEmpty() ? "" : prefix.strip()));
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      error(ModelError.of("not JSON: %s%s", e.getOriginalMessage().lines().findFirst().orElse(""),
          l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")").at(name, ""));
    }
  }

  /** The fields of one blob; {@code records} streamed one record at a time. */
  private void blob(JsonParser p, String prefix) throws IOException {
    JsonLocation recordsAt = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.getCurrentName();
      JsonLocation at = p.getCurrentLocation();
      JsonToken v = p.nextToken();
      if (!field.equals("records")) {
        p.skipChildren();
      } else if (recordsAt != null) {
        error(ModelError.of("duplicate key 'records' (at %s and at %s)", where(recordsAt), where(at))
            .at(name, prefix + "records"));
        p.skipChildren();
      } else if (v != JsonToken.START_ARRAY) {
        recordsAt = at;
        error(ModelError.of("no records array: expected an NSG or VNet flow-log blob ({\"records\": [...]})")
            .at(name, prefix + "records"));
        p.skipChildren();
      } else {
        recordsAt = at;
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String rat = prefix + "records[" + i + "]";
          nodes = 0;
          boolean container = p.currentToken().isStructStart();
          int depth = p.getParsingContext().getNestingDepth();
          JsonNode record;
          try {
            record = tree(p, rat);
          } catch (TooLarge e) {
            error(ModelError.of("a record of more than %d values: not read (one record is held in memory at a time;"
                + " raise the limit with -D%s=<values>, and the heap with -Xmx)", maxRecordNodes,
                ReadLimits.MAX_FLOW_LOG_RECORD_PROPERTY).at(name, rat));
            // skip the rest of the record without holding it
            while (container && p.getParsingContext().getNestingDepth() >= depth && p.nextToken() != null) {
              // skipped
            }
            i++;
            continue;
          }
          tuples += FlowLogs.record(record, name, rat, this::address, checkOnly ? null : entries, this::error);
          i++;
        }
      }
    }
    if (recordsAt == null) {
      error(ModelError.of("no records array: expected an NSG or VNet flow-log blob ({\"records\": [...]})")
          .at(name, prefix + "records"));
    }
  }

  /** The value at the parser as a tree; a key twice in one object is a problem naming both places. */
  private JsonNode tree(JsonParser p, String path) throws IOException {
    if (++nodes > maxRecordNodes) {
      throw new TooLarge();
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode o = f.objectNode();
        Map<String, JsonLocation> seen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.getCurrentName();
          JsonLocation at = p.getCurrentLocation();
          JsonToken t = p.nextToken();
          JsonLocation first = seen.putIfAbsent(field, at);
          JsonNode value = t.isStructStart() ? tree(p, path + "." + field) : scalar(p);
          if (first != null) {
            error(ModelError.of("duplicate key '%s' (at %s and at %s)", field, where(first), where(at))
                .at(name, path + "." + field));
          } else {
            o.set(field, value);
          }
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = f.arrayNode();
        int i = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          // a path is only needed inside a container (a duplicate key there names it); tuples are plain strings
          a.add(t.isStructStart() ? tree(p, path + "[" + i + "]") : scalar(p));
          i++;
        }
        return a;
      }
      default:
        return scalarNode(p);
    }
  }

  /** The scalar at the parser as a node, counted like every node against the record's cap. */
  private JsonNode scalar(JsonParser p) throws IOException {
    if (++nodes > maxRecordNodes) {
      throw new TooLarge();
    }
    return scalarNode(p);
  }

  private static JsonNode scalarNode(JsonParser p) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    switch (p.currentToken()) {
      case VALUE_STRING:
        return f.textNode(p.getText());
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        try {
          return f.numberNode(p.getDecimalValue());
        } catch (NumberFormatException e) {
          // an exponent no decimal can hold (1e9999999999): Jackson says so by an unchecked exception
          throw new com.fasterxml.jackson.core.JsonParseException(p, "number " + p.getText() + " is out of range: "
              + e.getMessage());
        }
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      default:
        return f.nullNode();
    }
  }

  private static String where(JsonLocation l) {
    return "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private void error(ModelError e) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(e);
    } else {
      moreErrors++;
    }
  }

  private static Validation<Seq<ModelError>, Long> invalid(ModelError e) {
    return Validation.invalid(io.vavr.collection.List.of(e));
  }
}
