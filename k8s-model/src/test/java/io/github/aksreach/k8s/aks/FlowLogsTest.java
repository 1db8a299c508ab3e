package io.github.aksreach.k8s.aks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow-log input language (issue 15): one blob, a top-level array of blobs, blobs one per line (JSON Lines),
 * a UTF-8 BOM, comments, duplicate keys refused naming both places, special files refused; and streaming: a
 * bounded version of the 10-million-tuple run (examples ExplainStreamingIT) in the default suite.
 */
class FlowLogsTest {
  private static final String DENY = "1671521722,192.168.1.4,192.168.0.22,50326,80,T,I,D,B,,,,";
  private static final String ALLOW = "1671521723,192.168.1.4,192.168.0.22,50327,80,T,I,A,B,,,,";

  @TempDir
  Path dir;

  static String blob(String nsg, String rule, String... tuples) {
    return "{\"records\":[{\"resourceId\":\"/SUBSCRIPTIONS/X/NETWORKSECURITYGROUPS/" + nsg + "\",\"properties\":"
        + "{\"Version\":2,\"flows\":[{\"rule\":\"" + rule + "\",\"flows\":[{\"mac\":\"000D3A2B4C5D\",\"flowTuples\":["
        + String.join(",", List.of(tuples).stream().map(t -> "\"" + t + "\"").toList()) + "]}]}]}}]}";
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private static List<FlowLogs.Entry> entries(Path p) {
    Validation<Seq<ModelError>, List<FlowLogs.Entry>> r = FlowLogs.load(p);
    assertThat(r.isValid()).as("%s", r.isInvalid() ? r.getError() : "").isTrue();
    return r.get();
  }

  private static List<String> errors(Path p) {
    Validation<Seq<ModelError>, List<FlowLogs.Entry>> r = FlowLogs.load(p);
    assertThat(r.isInvalid()).isTrue();
    return r.getError().map(ModelError::toString).asJava();
  }

  @Test
  void aBlobWithAUtf8BomIsABlob() throws IOException {
    List<FlowLogs.Entry> es = entries(write("bom.json", "\uFEFF" + blob("NSG-USER", "UserRule_DenyAllCustom", DENY)));
    assertThat(es).hasSize(1);
    assertThat(es.get(0).nsg()).contains("NSG-USER");
    assertThat(es.get(0).ruleName()).contains("DenyAllCustom");
    assertThat(es.get(0).where()).endsWith("records[0].properties.flows[0].flows[0].flowTuples[0]");
  }

  @Test
  void aTopLevelArrayOfBlobsReadsEveryBlobWithItsIndexInThePath() throws IOException {
    List<FlowLogs.Entry> es = entries(write("array.json", "[" + blob("NSG-USER", "UserRule_DenyAllCustom", DENY)
        + ",\n" + blob("NSG-INGRESS", "UserRule_AllowClientToLb", ALLOW) + "]"));
    assertThat(es).extracting(e -> e.nsg().get()).containsExactly("NSG-USER", "NSG-INGRESS");
    assertThat(es.get(1).where()).endsWith(": [1].records[0].properties.flows[0].flows[0].flowTuples[0]");
    assertThat(es.get(1).tuple().denied()).isFalse();
  }

  @Test
  void jsonLinesOfBlobsReadEveryLineNotJustTheFirst() throws IOException {
    List<FlowLogs.Entry> es = entries(write("lines.json", blob("NSG-USER", "UserRule_DenyAllCustom", DENY) + "\n"
        + blob("NSG-USER", "UserRule_AllowClientHttp", ALLOW) + "\n"));
    assertThat(es).hasSize(2);
    assertThat(es.get(1).ruleName()).contains("AllowClientHttp");
    assertThat(es.get(1).where()).contains("document 2: records[0]");
  }

  @Test
  void commentsBeforeAndInsideABlobAreSkipped() throws IOException {
    List<FlowLogs.Entry> es = entries(write("comments.json", "// exported from the storage account\n"
        + "# PT1H.json of nsg-user\n/* one record */ " + blob("NSG-USER", "UserRule_DenyAllCustom", DENY)));
    assertThat(es).hasSize(1);
    assertThat(es.get(0).tuple().flow().dstPort()).isEqualTo(80);
  }

  @Test
  void aDuplicateFlowTuplesKeyIsRefusedNamingBothPlaces() throws IOException {
    String twice = "{\"records\":[{\"resourceId\":\"/X/NSG-USER\",\"properties\":{\"flows\":[{\"rule\":\"R\","
        + "\"flows\":[{\"flowTuples\":[\"" + DENY + "\"],\n\"flowTuples\":[\"" + ALLOW + "\"]}]}]}}]}";
    List<String> errs = errors(write("dup.json", twice));
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0)).contains("dup.json").contains("records[0].properties.flows[0].flows[0].flowTuples")
        .contains("duplicate key 'flowTuples'").contains("line 1, column").contains("line 2, column");
  }

  @Test
  void aDuplicateRecordsKeyIsRefusedNamingBothPlaces() throws IOException {
    String b = blob("NSG-USER", "UserRule_DenyAllCustom", DENY);
    String twice = b.substring(0, b.length() - 1) + ",\n\"records\":[]}";
    List<String> errs = errors(write("dup-records.json", twice));
    assertThat(errs).anySatisfy(e -> assertThat(e).contains("duplicate key 'records'").contains("line 1")
        .contains("line 2"));
  }

  @Test
  void specialFilesAreRefusedBeforeAnythingIsRead() {
    Path zero = Path.of("/dev/zero");
    if (Files.exists(zero)) {
      assertThat(errors(zero)).singleElement().asString().contains("/dev/zero").contains("not a regular file");
    }
    assertThat(errors(dir)).singleElement().asString().contains("not a regular file");
  }

  @Test
  void textTuplesWithABomAndCommentsAreRead() throws IOException {
    List<FlowLogs.Entry> es = entries(write("t.txt", "\uFEFF# tuples\n" + DENY + "\r\n\n" + ALLOW + "\n"));
    assertThat(es).extracting(FlowLogs.Entry::where).containsExactly(dir.resolve("t.txt") + ": line 2",
        dir.resolve("t.txt") + ": line 4");
  }

  @Test
  void problemsAreNamedUpToALimitThenCounted() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      sb.append("not a tuple ").append(i).append('\n');
    }
    List<String> errs = errors(write("bad.txt", sb.toString()));
    assertThat(errs).hasSize(FlowLogReader.MAX_ERRORS + 1);
    assertThat(errs.get(0)).contains("line 1").contains("expected 8, 9 or 13 fields");
    assertThat(errs.get(FlowLogReader.MAX_ERRORS)).contains("and 150 more problems");
  }

  /**
   * Streaming: 100,000 tuples in 1,000 records are scanned and delivered one by one, in file order; the bounded
   * version of ExplainStreamingIT (examples) (10 million tuples in a 256 MB heap).
   */
  @Test
  void aLargeBlobIsReadOneRecordAtATimeInOrder() throws IOException {
    Path big = dir.resolve("big.json");
    long n = FlowLogFiles.writeBlob(big, 1_000, 100);
    assertThat(FlowLogs.scan(big).get()).isEqualTo(n).isEqualTo(100_000);
    AtomicLong seen = new AtomicLong();
    List<Long> firstPorts = new ArrayList<>();
    FlowLogs.forEach(big, e -> {
      if (seen.getAndIncrement() < 3) {
        firstPorts.add((long) e.tuple().flow().srcPort());
      }
    });
    assertThat(seen.get()).isEqualTo(n);
    assertThat(firstPorts).containsExactly(1024L, 1025L, 1026L);
  }
}
