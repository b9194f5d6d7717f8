// Validates an N-Triples data file against an N-Triples shapes file with Apache Jena SHACL and
// prints the validation report, one triple a line (Turtle). Blank nodes keep the labels of the input files and
// are written as <urn:x-bnode:LABEL>, so that a focus node or a source shape can be traced back
// (Jena's `shacl validate` command relabels them). Compiled at test time by tests/jena_shacl.py.
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;

public class JenaShacl {
    public static void main(String[] args) throws Exception {
        Graph shapes = read(args[0]);
        Graph data = read(args[1]);
        Graph report = ShaclValidator.get().validate(Shapes.parse(shapes), data).getGraph();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (Triple t : report.find().toList()) {
            out.println(term(t.getSubject()) + " " + term(t.getPredicate()) + " " + term(t.getObject()) + " .");
        }
        out.flush();
    }

    static Graph read(String path) {
        Graph graph = GraphFactory.createDefaultGraph();
        RDFParser.source(path).labelToNode(LabelToNode.createUseLabelAsGiven()).parse(graph);
        return graph;
    }

    static String term(Node node) {
        if (node.isBlank()) {
            return "<urn:x-bnode:" + node.getBlankNodeLabel().replaceAll("[^A-Za-z0-9_]", "_") + ">";
        }
        return NodeFmtLib.strNT(node);
    }
}
