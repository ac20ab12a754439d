import java.io.File;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.graph.api.types.TimeMap;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Opens a file as Gephi desktop does with its default settings (File > Open, then OK in the import report:
 * the importer chosen by the file's extension, the container's default parameters, merge strategy Sum,
 * the DefaultProcessor) and prints what the workspace holds as JSON on stdout.
 *
 *   java -Djava.awt.headless=true -cp ".readers/gephi/*" scripts/readers/gephi/GephiRead.java FILE...
 *
 * Several files print a JSON array, one object a file, in a fresh project each (one JVM start for all).
 * No importer for the extension gives {"importer": null}; an importer that fails gives its issues.
 */
public class GephiRead {
  public static void main(String[] args) throws Exception {
    Json out = new Json().open('[');
    for (String path : args) read(out, new File(path));
    System.out.println(out.close(']'));
    System.exit(0); // the toolkit leaves non-daemon threads behind
  }

  /** One file, opened in a project of its own as if in a fresh Gephi. */
  static Json read(Json out, File file) throws Exception {
    ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
    if (pc.getCurrentProject() != null) pc.closeCurrentProject();
    pc.newProject();
    Workspace workspace = pc.getCurrentWorkspace();
    ImportController importController = Lookup.getDefault().lookup(ImportController.class);

    out.open('{').key("file").value(file.getPath());
    if (importController.getFileImporter(file) == null) {
      return out.key("importer").value(null).close('}');
    }
    out.key("importer").value(importController.getFileImporter(file).getClass().getSimpleName());
    Container container = importController.importFile(file);
    boolean imported = container != null && container.verify();
    // Read before processing, which deletes the report's backing file.
    out.key("issues").open('[');
    if (container != null) {
      for (Issue issue : container.getReport().getIssuesList(Integer.MAX_VALUE)) {
        out.open('{').key("level").value(issue.getLevel().name()).key("message").value(issue.getMessage()).close('}');
      }
    }
    out.close(']');
    if (imported) importController.process(container, new DefaultProcessor(), workspace);
    if (!imported) return out.close('}');

    GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
    Graph graph = model.getGraph();
    out.key("title").value(workspace.getWorkspaceMetadata().getTitle());
    out.key("description").value(workspace.getWorkspaceMetadata().getDescription());
    out.key("nodeCount").value(graph.getNodeCount()).key("edgeCount").value(graph.getEdgeCount());
    out.key("edgeTypeCount").value(model.getEdgeTypeCount());
    List<Column> nodeColumns = columns(out.key("nodeColumns"), model.getNodeTable());
    List<Column> edgeColumns = columns(out.key("edgeColumns"), model.getEdgeTable());

    out.key("nodes").open('[');
    for (Node n : graph.getNodes()) {
      out.open('{').key("id").value(n.getId()).key("label").value(n.getLabel());
      out.key("x").value(n.x()).key("y").value(n.y()).key("size").value(n.size());
      out.key("color").value(String.format("#%02X%02X%02X", n.getColor().getRed(), n.getColor().getGreen(),
          n.getColor().getBlue()));
      attributes(out, n, nodeColumns).close('}');
    }
    out.close(']');
    out.key("edges").open('[');
    for (Edge e : graph.getEdges()) {
      out.open('{').key("id").value(e.getId()).key("source").value(e.getSource().getId());
      out.key("target").value(e.getTarget().getId()).key("label").value(e.getLabel());
      out.key("kind").value(e.getTypeLabel()).key("weight").value(e.getWeight());
      // A weight that changes over time (GEXF attvalues with spells) is a map of intervals to values.
      Object weights = e.getAttribute("weight");
      if (weights instanceof TimeMap) out.key("weights").value(weights.toString());
      out.key("directed").value(e.isDirected());
      attributes(out, e, edgeColumns).close('}');
    }
    return out.close(']').close('}');
  }

  /** The table's data columns (not id/label/weight...), each with its Java type, printed and returned. */
  static List<Column> columns(Json out, Table table) {
    List<Column> data = new ArrayList<>();
    out.open('[');
    for (Column c : table) {
      out.open('{').key("id").value(c.getId()).key("title").value(c.getTitle());
      out.key("type").value(c.getTypeClass().getSimpleName()).key("property").value(c.isProperty()).close('}');
      if (!c.isProperty()) data.add(c);
    }
    out.close(']');
    return data;
  }

  /** An element's non-null data values by column title (Gephi lower-cases ids); timesets as Gephi prints them. */
  static Json attributes(Json out, Element element, List<Column> columns) {
    out.key("attributes").open('{');
    for (Column c : columns) {
      Object v = element.getAttribute(c);
      if (v != null) out.key(c.getTitle()).value(v);
    }
    Object timeset = element.getAttribute("timeset");
    if (timeset != null) out.key("timeset").value(timeset.toString());
    return out.close('}');
  }

  /** A small JSON writer: the toolkit has no JSON library on its public API. */
  static final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean first = true;

    Json open(char c) {
      comma();
      sb.append(c);
      first = true;
      return this;
    }

    Json close(char c) {
      sb.append(c);
      first = false;
      return this;
    }

    Json key(String k) {
      comma();
      string(k);
      sb.append(':');
      first = true;
      return this;
    }

    Json value(Object v) {
      if (v != null && v.getClass().isArray()) {
        open('[');
        for (int i = 0; i < Array.getLength(v); i++) value(Array.get(v, i));
        return close(']');
      }
      comma();
      if (v == null) sb.append("null");
      else if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
          || v instanceof Byte) sb.append(v);
      else if (v instanceof Number) {
        double d = ((Number) v).doubleValue();
        if (Double.isFinite(d)) sb.append(v);
        else string(v.toString());
      } else string(v.toString());
      first = false;
      return this;
    }

    private void comma() {
      if (!first) sb.append(',');
      first = false;
    }

    private void string(String s) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') sb.append('\\').append(c);
        else if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
        else sb.append(c);
      }
      sb.append('"');
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
