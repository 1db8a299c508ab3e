package io.github.aksreach.k8s.load;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.github.aksreach.core.input.Documents;
import io.github.aksreach.core.input.ReadLimits;
import io.github.aksreach.core.model.ModelError;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Validation;
import java.io.IOException;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML documents of a text, as {@link Documents} reads them (anchors, aliases, merge keys, duplicate keys
 * refused). SnakeYAML's own code-point limit (3 MiB) is lifted: {@link ReadLimits} bound the file size instead, so a
 * large legal dump loads.
 *
 * <pre>{@code
 * JsonParser p = Yaml.factory().createParser(text);   // e.g. to find the line of a path (checks.Locator)
 * }</pre>
 */
public final class Yaml {
  private static final YAMLFactory FACTORY;

  static {
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(Integer.MAX_VALUE);
    // the builder starts without the parser features new YAMLFactory() has: keep them
    FACTORY = new ScalarAnchors(YAMLFactory.builder().loaderOptions(o).enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
        .build());
  }

  /**
   * A factory whose parsers give the anchor of a scalar ({@code name: &n web}) as its object id, as they do for a
   * mapping's or a list's: jackson-dataformat-yaml (2.23) gives none for scalars, so an alias of an anchored scalar
   * ({@code app: *n}) found no anchor and the legal file was refused.
   */
  private static final class ScalarAnchors extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    ScalarAnchors(YAMLFactory base) {
      super(base, null);
    }

    @Override
    protected YAMLParser _createParser(java.io.Reader r, com.fasterxml.jackson.core.io.IOContext ctxt)
        throws IOException {
      return new ScalarAnchorParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
    }
  }

  private static final class ScalarAnchorParser extends YAMLParser {
    private String scalarAnchor;

    ScalarAnchorParser(com.fasterxml.jackson.core.io.IOContext ctxt, int parserFeatures, int formatFeatures,
                       LoaderOptions options, com.fasterxml.jackson.core.ObjectCodec codec, java.io.Reader r) {
      super(ctxt, parserFeatures, formatFeatures, options, codec, r);
    }

    @Override
    public com.fasterxml.jackson.core.JsonToken nextToken() throws IOException {
      com.fasterxml.jackson.core.JsonToken t = super.nextToken();
      scalarAnchor = t != null && t.isScalarValue() && _lastEvent instanceof org.yaml.snakeyaml.events.ScalarEvent s
          ? s.getAnchor() : null;
      return t;
    }

    @Override
    public String getObjectId() throws IOException {
      return scalarAnchor != null ? scalarAnchor : super.getObjectId();
    }
  }

  private Yaml() {}

  /** The YAML factory every reader of scenario YAML uses. */
  public static YAMLFactory factory() {
    return FACTORY;
  }

  static Validation<Seq<ModelError>, List<Documents.Doc>> documents(String name, String text, ReadLimits limits) {
    try {
      return Documents.read(name, FACTORY.createParser(Documents.withoutBom(text)),
          p -> ((YAMLParser) p).isCurrentAlias(), limits);
    } catch (IOException e) {
      return Validation.invalid(Vector.of(new ModelError(name, "", "cannot parse: " + e.getMessage())));
    }
  }
}
