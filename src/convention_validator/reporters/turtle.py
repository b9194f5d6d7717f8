"""A standard SHACL validation report (sh:ValidationReport) in Turtle, for every stage's findings."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD

from convention_validator.findings import Report

SH = Namespace("http://www.w3.org/ns/shacl#")
CDATA = Namespace("https://w3id.org/clauses-data/")


def render_turtle(report: Report, lang: str, colour: bool, quiet: bool) -> str:
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("cdata", CDATA)
    root = BNode()
    graph.add((root, RDF.type, SH.ValidationReport))
    graph.add((root, SH.conforms, Literal(not report.findings)))
    for finding in report.findings:
        result = BNode()
        graph.add((root, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, URIRef(finding.severity.shacl_iri)))
        graph.add((result, SH.resultMessage, Literal(finding.message, lang=lang)))
        file_iri = Path(finding.file).resolve().as_uri()
        graph.add((result, SH.focusNode, URIRef(f"{file_iri}#{quote(finding.pointer, safe='/')}")))
        graph.add((result, SH.sourceConstraintComponent, CDATA[f"finding-{finding.code}"]))
        graph.add((result, CDATA.findingCode, Literal(finding.code)))
        graph.add((result, CDATA.stage, Literal(finding.stage)))
        graph.add((result, CDATA.pointer, Literal(finding.pointer)))
        if finding.line is not None:
            graph.add((result, CDATA.line, Literal(finding.line, datatype=XSD.integer)))
        if finding.column is not None:
            graph.add((result, CDATA.column, Literal(finding.column, datatype=XSD.integer)))
    return str(graph.serialize(format="turtle"))
