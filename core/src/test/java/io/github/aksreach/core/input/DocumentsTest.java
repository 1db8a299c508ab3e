package io.github.aksreach.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON documents as tools write them (YAML is tested with its parser in k8s-model's loader tests). */
class DocumentsTest {
  private static final ReadLimits L = ReadLimits.defaults();

  @Test
  void concatenatedDocumentsAndJsonLinesAreEachRead() {
    List<Documents.Doc> d = Documents.json("x.json", "{\"a\": 1}\n{\"a\": 2}\n[3]", L).get();
    assertThat(d).extracting(x -> x.node().toString()).containsExactly("{\"a\":1}", "{\"a\":2}", "[3]");
    assertThat(d).extracting(Documents.Doc::line).containsExactly(1, 2, 3);
  }

  @Test
  void aByteOrderMarkBeforeJsonIsDropped() {
    assertThat(Documents.json("x.json", "\ufeff{\"a\": 1}", L).get().get(0).node().get("a").asInt()).isEqualTo(1);
  }

  @Test
  void duplicateKeysAreRefusedNamingBothLines() {
    Validation<Seq<ModelError>, List<Documents.Doc>> r = Documents.json("x.json",
        "{\"items\": [{\"metadata\": {\n\"name\": \"a\",\n\"name\": \"b\"}}]}", L);
    assertThat(r.getError().map(ModelError::toString)).containsExactly("x.json: line 3: duplicate key 'name' in"
        + " items[0].metadata: first on line 2, again on line 3 (keep one)");
  }

  /** Each mapping's first lines survive the mappings nested in it (the lines are kept on one shared stack). */
  @Test
  void duplicateKeysAfterNestedMappingsNameTheirOwnFirstLine() {
    Validation<Seq<ModelError>, List<Documents.Doc>> r = Documents.json("x.json", "{\"a\": {\n\"x\": 1,\n"
        + "\"y\": {\"z\": 1,\n\"w\": {\"v\": 1}},\n\"x\": 2},\n\"b\": [{\"c\": 1,\n\"c\": 2}],\n\"a\": 3}", L);
    assertThat(r.getError().map(ModelError::toString)).containsExactly(
        "x.json: line 5: duplicate key 'x' in a: first on line 2, again on line 5 (keep one)",
        "x.json: line 7: duplicate key 'c' in b[0]: first on line 6, again on line 7 (keep one)",
        "x.json: line 8: duplicate key 'a' in the top-level mapping: first on line 1, again on line 8 (keep one)");
  }

  @Test
  void nestingBeyondTheParsersLimitIsASyntaxErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThat(Documents.json("x.json", deep, L).getError().head().message()).startsWith("JSON syntax error:")
        .contains("depth");
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThat(Documents.json("x.json", "{\"a\": 1,\n }", L).getError().head().toString())
        .startsWith("x.json: line 2, column 2: JSON syntax error:");
  }
}
